//! Reading dates written in the common forms and languages, and dates in URL paths.

/// The years a web page's date can fall in: earlier or later numbers are something else
/// (a price, a count, a product number).
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    const MONTHS: [&[&str]; 12] = [
        &[
            "jan", "january", "januar", "janvier", "enero", "gennaio", "jänner",
        ],
        &[
            "feb", "february", "februar", "février", "febrero", "febbraio",
        ],
        &["mar", "march", "märz", "mars", "marzo"],
        &["apr", "april", "avril", "abril", "aprile"],
        &["may", "mai", "mayo", "maggio"],
        &["jun", "june", "juni", "juin", "junio", "giugno"],
        &["jul", "july", "juli", "juillet", "julio", "luglio"],
        &["aug", "august", "août", "agosto"],
        &[
            "sep",
            "sept",
            "september",
            "septembre",
            "septiembre",
            "settembre",
        ],
        &[
            "oct", "october", "oktober", "octobre", "octubre", "ottobre", "okt",
        ],
        &["nov", "november", "novembre", "noviembre"],
        &[
            "dec",
            "december",
            "dezember",
            "décembre",
            "diciembre",
            "dicembre",
            "dez",
        ],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&n))
        .map(|i| i as u32 + 1)
}

fn valid_date(y: u32, m: u32, d: u32) -> Option<String> {
    (YEARS.contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Reads a date written in a common form and returns it as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let nums: Vec<(usize, u32, usize)> = {
        let mut v = Vec::new();
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i - start <= 8 {
                    if let Ok(n) = s[start..i].parse() {
                        v.push((start, n, i - start));
                    }
                }
            } else {
                i += 1;
            }
        }
        v
    };
    // YYYYMMDD
    if let Some(&(_, n, 8)) = nums.first() {
        if let Some(d) = valid_date(n / 10000, n / 100 % 100, n % 100) {
            return Some(d);
        }
    }
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
    for w in nums.windows(3) {
        if w[0].2 == 4 && w[1].2 <= 2 && w[2].2 <= 2 {
            if let Some(d) = valid_date(w[0].1, w[1].1, w[2].1) {
                return Some(d);
            }
        }
        // DD.MM.YYYY, DD/MM/YYYY (day first outside the US-style month-name forms)
        if w[0].2 <= 2 && w[1].2 <= 2 && w[2].2 == 4 {
            let (a, b) = (w[0].1, w[1].1);
            let sep = s[w[0].0 + w[0].2..w[1].0].trim();
            let (d, m) = if sep == "/" && b > 12 { (b, a) } else { (a, b) };
            if let Some(x) = valid_date(w[2].1, m, d) {
                return Some(x);
            }
        }
    }
    // "October 16, 2019", "16 October 2019", "Oct. 16 2019"
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = month_number(w) {
            let num = |x: Option<&&str>| {
                x.and_then(|t| {
                    t.trim_end_matches(['.', 's', 't', 'h', 'n', 'd', 'r'])
                        .parse::<u32>()
                        .ok()
                })
            };
            let year_after = |j: usize| {
                words
                    .get(j)
                    .and_then(|t| t.parse::<u32>().ok())
                    .filter(|y| *y >= *YEARS.start())
            };
            if let (Some(d), Some(y)) = (num(words.get(i + 1)), year_after(i + 2)) {
                if let Some(x) = valid_date(y, m, d) {
                    return Some(x);
                }
            }
            if i > 0 {
                if let (Some(d), Some(y)) = (num(words.get(i - 1)), year_after(i + 1)) {
                    if let Some(x) = valid_date(y, m, d) {
                        return Some(x);
                    }
                }
            }
        }
    }
    None
}

/// A date in a URL path (`/2019/11/19/`).
pub(crate) fn date_from_url(url: &str) -> Option<String> {
    let parts: Vec<&str> = url.split('/').collect();
    for w in parts.windows(3) {
        if w[0].len() == 4
            && w[1].len() <= 2
            && !w[1].is_empty()
            && w[2].len() <= 2
            && !w[2].is_empty()
        {
            if let (Ok(y), Ok(m), Ok(d)) = (w[0].parse(), w[1].parse(), w[2].parse()) {
                if let Some(x) = valid_date(y, m, d) {
                    return Some(x);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_date_forms() {
        assert_eq!(
            parse_date("2019-10-16T08:00:00+02:00").as_deref(),
            Some("2019-10-16")
        );
        assert_eq!(parse_date("16.10.2019").as_deref(), Some("2019-10-16"));
        assert_eq!(
            parse_date("October 16, 2019").as_deref(),
            Some("2019-10-16")
        );
        assert_eq!(parse_date("16 October 2019").as_deref(), Some("2019-10-16"));
        assert_eq!(parse_date("Oct. 6th 2019").as_deref(), Some("2019-10-06"));
        assert_eq!(parse_date("20191016").as_deref(), Some("2019-10-16"));
        assert_eq!(
            parse_date("16. Oktober 2019").as_deref(),
            Some("2019-10-16")
        );
        assert_eq!(parse_date("no date here"), None);
        assert_eq!(
            date_from_url("/2019/11/19/opinion/x.html").as_deref(),
            Some("2019-11-19")
        );
    }
}
