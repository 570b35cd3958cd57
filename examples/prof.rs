use std::io::Read;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let rounds: usize = std::env::args().nth(2).map_or(1, |r| r.parse().unwrap());
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let mut b = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap())
            .read_to_end(&mut b)
            .unwrap();
        pages.push(b);
    }
    let ex = gleaner::Extractor::new();
    let mut n = 0;
    for _ in 0..rounds {
        for p in &pages {
            n += ex.extract(p).map(|d| d.text().len()).unwrap_or(0);
        }
    }
    println!("{n}");
}
