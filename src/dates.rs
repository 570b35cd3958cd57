//! Reading dates written in the common forms and languages, and dates in URL paths.

/// The years a web page's date can fall in: earlier or later numbers are something else
/// (a price, a count, a product number).
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// Whether a word names a month in one of the languages [`parse_date`] reads.
pub(crate) fn is_month_name(word: &str) -> bool {
    month_number(word.trim_matches(|c: char| !c.is_alphabetic())).is_some()
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    // English, German, French, Spanish, Italian, Portuguese, Dutch; short forms too
    const MONTHS: [&[&str]; 12] = [
        &[
            "jan", "january", "januar", "janvier", "enero", "gennaio", "jänner", "janeiro",
            "januari",
        ],
        &[
            "feb",
            "february",
            "februar",
            "février",
            "febrero",
            "febbraio",
            "fevereiro",
            "februari",
            "fév",
            "fev",
        ],
        &[
            "mar", "march", "märz", "mars", "marzo", "março", "maart", "mär", "mrt",
        ],
        &["apr", "april", "avril", "abril", "aprile", "avr"],
        &["may", "mai", "mayo", "maggio", "maio", "mei"],
        &["jun", "june", "juni", "juin", "junio", "giugno", "junho"],
        &[
            "jul", "july", "juli", "juillet", "julio", "luglio", "julho", "juil",
        ],
        &["aug", "august", "août", "agosto", "augustus", "aoû", "ago"],
        &[
            "sep",
            "sept",
            "september",
            "septembre",
            "septiembre",
            "settembre",
            "setembro",
            "set",
        ],
        &[
            "oct", "october", "oktober", "octobre", "octubre", "ottobre", "outubro", "okt", "out",
        ],
        &["nov", "november", "novembre", "noviembre", "novembro"],
        &[
            "dec",
            "december",
            "dezember",
            "décembre",
            "diciembre",
            "dicembre",
            "dezembro",
            "dez",
            "déc",
            "dic",
        ],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&n))
        .map(|i| i as u32 + 1)
}

/// Words that stand between a date's parts ("16 de octubre de 2019", "le 3 mai 2019").
const DATE_FILLERS: &[&str] = &["de", "del", "di", "of", "the"];

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
    // the text between two numbers of a window: a date's parts are joined by one mark
    // written twice ("2019 4:08" is a year and a time)
    let between = |x: &(usize, u32, usize), y: &(usize, u32, usize)| s[x.0 + x.2..y.0].trim();
    let one_mark = |w: &[(usize, u32, usize)]| {
        let (a, b) = (between(&w[0], &w[1]), between(&w[1], &w[2]));
        a == b && matches!(a, "-" | "/" | "." | "_")
    };
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
    for w in nums.windows(3) {
        if w[0].2 == 4 && w[1].2 <= 2 && w[2].2 <= 2 && one_mark(w) {
            if let Some(d) = valid_date(w[0].1, w[1].1, w[2].1) {
                return Some(d);
            }
        }
        // DD.MM.YYYY, DD/MM/YYYY (day first outside the US-style month-name forms)
        if w[0].2 <= 2 && w[1].2 <= 2 && w[2].2 == 4 && one_mark(w) {
            let (a, b) = (w[0].1, w[1].1);
            let sep = between(&w[0], &w[1]);
            let (d, m) = if sep == "/" && b > 12 { (b, a) } else { (a, b) };
            if let Some(x) = valid_date(w[2].1, m, d) {
                return Some(x);
            }
        }
    }
    // 2019年10月16日 (Japanese, Chinese), 2019년 10월 16일 (Korean)
    for w in nums.windows(3) {
        let after = |n: &(usize, u32, usize)| s[n.0 + n.2..].chars().next();
        if w[0].2 == 4
            && matches!(after(&w[0]), Some('年' | '년'))
            && matches!(after(&w[1]), Some('月' | '월'))
            && matches!(after(&w[2]), Some('日' | '일'))
        {
            if let Some(d) = valid_date(w[0].1, w[1].1, w[2].1) {
                return Some(d);
            }
        }
    }
    // "October 16, 2019", "16 October 2019", "Oct. 16 2019", "16 de octubre de 2019"
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '·' | '|'))
        .filter(|w| !w.is_empty() && !DATE_FILLERS.contains(&w.to_lowercase().as_str()))
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
            // a year's digits, even glued to the next word ("2025Jane Doe")
            let year_after = |j: usize| {
                words.get(j).and_then(|t| {
                    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                    (digits == 4 && !t[digits..].starts_with(|c: char| c.is_ascii_digit()))
                        .then(|| t[..digits].parse::<u32>().ok())
                        .flatten()
                        .filter(|y| *y >= *YEARS.start())
                })
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

/// Whether a date and time is written in UTC (`2019-10-16T23:10:00Z`, `...+00:00`): its
/// day may be the next one where the page was written.
pub(crate) fn is_utc_instant(s: &str) -> bool {
    let s = s.trim();
    s.contains('T') && (s.ends_with('Z') || s.ends_with("+00:00") || s.ends_with("+0000"))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the civil calendar, proleptic Gregorian).
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The minute a date and time with its offset from UTC stands for, counted from
/// 1970-01-01 UTC (`2025-12-18T21:46:01-05:00`); `None` without a time or an offset.
pub(crate) fn instant_minutes(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = s.split_once('T')?;
    let day = day_number(date.get(..10)?)?;
    let num = |t: &str| t.parse::<i64>().ok();
    let (h, m) = (num(time.get(..2)?)?, num(time.get(3..5)?)?);
    let offset = if s.ends_with('Z') {
        0
    } else {
        let at = time.rfind(['+', '-'])?;
        let (sign, tz) = (&time[at..at + 1], time[at + 1..].replace(':', ""));
        let minutes = num(tz.get(..2)?)? * 60 + num(tz.get(2..4)?)?;
        if sign == "-" {
            -minutes
        } else {
            minutes
        }
    };
    Some(day * 1440 + h * 60 + m - offset)
}

/// Whether two `YYYY-MM-DD` dates are one day apart.
pub(crate) fn one_day_apart(a: &str, b: &str) -> bool {
    matches!((day_number(a), day_number(b)), (Some(x), Some(y)) if (x - y).abs() == 1)
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
    // a segment that opens with the day: /2025-12-15-a-title, /2025-12-15+a+title
    parts.iter().find_map(|p| {
        let b = p.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        (b.len() >= 10
            && digits(0..4)
            && b[4] == b'-'
            && digits(5..7)
            && b[7] == b'-'
            && digits(8..10)
            && b.get(10).is_none_or(|c| !c.is_ascii_digit()))
        .then(|| {
            valid_date(
                p[0..4].parse().ok()?,
                p[5..7].parse().ok()?,
                p[8..10].parse().ok()?,
            )
        })
        .flatten()
    })
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
        // a year and a time are no date; the month's name gives it
        assert_eq!(
            parse_date("by Ann » Tue Aug 27, 2019 4:08 am").as_deref(),
            Some("2019-08-27")
        );
        assert_eq!(parse_date("2019 4:08"), None);
        assert_eq!(parse_date("2019/10-16"), None);
        assert_eq!(parse_date("2019年10月16日").as_deref(), Some("2019-10-16"));
        assert_eq!(
            parse_date("2019년 10월 16일").as_deref(),
            Some("2019-10-16")
        );
        assert_eq!(
            parse_date("16 de octubre de 2019").as_deref(),
            Some("2019-10-16")
        );
        assert_eq!(parse_date("16 outubro 2019").as_deref(), Some("2019-10-16"));
        assert_eq!(parse_date("16 maart 2019").as_deref(), Some("2019-03-16"));
        assert_eq!(
            parse_date("Dec 17, 2025Julian K. Arni").as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            parse_date("23.07.2025 · 6 min read").as_deref(),
            Some("2025-07-23")
        );
        assert!(one_day_apart("2024-02-29", "2024-03-01"));
        assert!(one_day_apart("2025-12-31", "2026-01-01"));
        assert!(!one_day_apart("2025-12-18", "2025-12-18"));
        assert!(is_utc_instant("2025-12-19T02:41:41+00:00"));
        assert_eq!(
            instant_minutes("2025-12-19T02:41:41+00:00"),
            instant_minutes("2025-12-18T21:41:00-05:00")
        );
        assert_eq!(instant_minutes("2025-12-18"), None);
        assert!(!is_utc_instant("2025-12-18T21:46:01-05:00"));
        assert_eq!(parse_date("Route 66 has 12 stops and 2400 miles"), None);
        assert_eq!(
            date_from_url("/2019/11/19/opinion/x.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            date_from_url("/articles/2025-12-15+Rust+GCC+emit").as_deref(),
            Some("2025-12-15")
        );
        assert_eq!(
            date_from_url("/blog/2024-02-29-a-leap-day.html").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(date_from_url("/parts/2024-02-290-x"), None);
        assert_eq!(date_from_url("/codes/2024-13-01"), None);
    }
}
