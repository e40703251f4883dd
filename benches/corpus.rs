//! A deterministic, license-clean news-like corpus for benchmarks.
//!
//! Source: generated here from a fixed seed out of sentence templates, names and
//! places typed for this file (no third-party text), so it can be shipped and the
//! numbers reproduced anywhere. It has what the pipeline works on: titles and
//! names, countries, cities and organisations, direct and indirect quotations with
//! attributions, possessives, abbreviations and paragraphs.

const PEOPLE: &[&str] = &[
    "Amir Khan Muttaqi",
    "Maria Fernanda Lopez",
    "John Whitaker",
    "Olena Kovalenko",
    "Hassan Rahimi",
    "Li Wei",
    "Kwame Mensah",
    "Sophie Laurent",
    "Rajesh Iyer",
    "Ana Petrova",
];
const TITLES: &[&str] =
    &["Foreign Minister", "President", "Sen.", "Prime Minister", "Gov.", "spokesman", "Gen."];
const PLACES: &[&str] = &[
    "Russia",
    "Afghanistan",
    "the United States",
    "Brazil",
    "Kenya",
    "France",
    "India",
    "Kabul",
    "Moscow",
    "Nairobi",
    "Paris",
    "Mumbai",
    "the U.S.",
    "China",
    "Pakistan",
];
const ORGS: &[&str] = &[
    "the United Nations",
    "NATO",
    "the Foreign Ministry",
    "the World Bank",
    "Reuters",
    "the European Union",
    "the Taliban",
    "AFP",
];
const VERBS: &[&str] = &["said", "told reporters", "added", "warned", "insisted"];
const PHRASES: &[&str] = &[
    "the talks would continue next week",
    "there is no alternative to dialogue",
    "the agreement will boost trade between our countries",
    "we are ready to help rebuild the roads",
    "nobody wants another decade of war",
    "prices have risen faster than wages",
];

/// A small linear congruential generator: deterministic across platforms.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// About `bytes` bytes of news-like text, the same for the same size.
pub fn news_text(bytes: usize) -> String {
    let mut rng = Lcg(0x5eed_2025);
    let mut out = String::with_capacity(bytes + 512);
    while out.len() < bytes {
        let person = rng.pick(PEOPLE);
        let surname = person.rsplit(' ').next().unwrap_or(person);
        let para = match rng.next() % 5 {
            0 => format!(
                "{} {} met officials from {} in {} on Thursday, {}'s government said.",
                rng.pick(TITLES), person, rng.pick(ORGS), rng.pick(PLACES), rng.pick(PLACES)
            ),
            1 => format!("\"{},\" {} {} in {}.", capitalize(rng.pick(PHRASES)), surname, rng.pick(VERBS), rng.pick(PLACES)),
            2 => format!(
                "{} said that {}, according to a statement from {}.",
                person, rng.pick(PHRASES), rng.pick(ORGS)
            ),
            3 => format!(
                "\"{}. {},\" said {}, a former adviser to {}. \"{}.\"",
                capitalize(rng.pick(PHRASES)), capitalize(rng.pick(PHRASES)), person, rng.pick(ORGS), capitalize(rng.pick(PHRASES))
            ),
            _ => format!(
                "Trade between {} and {} rose by 4.5% in 2024, while the U.S.-led coalition and {} called it \"{}.\"",
                rng.pick(PLACES), rng.pick(PLACES), rng.pick(ORGS), rng.pick(PHRASES)
            ),
        };
        out.push_str(&para);
        out.push_str("\n\n");
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
