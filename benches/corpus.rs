//! A deterministic, license-clean news-like corpus for benchmarks.
//!
//! Source: generated here from a fixed seed out of sentence templates and word lists
//! typed for this file (invented people, real country, city and organisation names,
//! no third-party text), so it can be shipped and the numbers reproduced anywhere.
//! License: this repository's.
//!
//! It has what the pipeline works on, in roughly the proportions of wire copy:
//! headlines (some in capitals), datelines, titles and full names followed by short
//! forms, pronoun attributions, countries, cities and organisations (acronyms
//! introduced in parentheses), demonyms, possessives, abbreviations ("U.S.", "Gen."),
//! numbers, dates and percentages, non-ASCII names and curly punctuation, and
//! quotations of every shape the quotation stage handles: `"...," X said`,
//! `X said: "..."`, `"...," said X, a ...`, interrupted and multi-paragraph quotes,
//! partial quotes inside reported speech, "according to", and indirect speech.
//! Most sentences are ordinary prose without any name.
//!
//! Used by `benches/extract.rs` ([`news_text`]) and `examples/make_jsonl.rs`
//! ([`Articles`]), which includes this file with `#[path]`.

// Each includer uses part of the file.
#![allow(dead_code)]

const GIVEN: &[&str] = &[
    "Amir",
    "Maria",
    "John",
    "Olena",
    "Hassan",
    "Li",
    "Kwame",
    "Sophie",
    "Rajesh",
    "Ana",
    "Fatima",
    "Carlos",
    "Ingrid",
    "Tomasz",
    "Aiko",
    "Daniel",
    "Grace",
    "Mehmet",
    "Nadia",
    "Samuel",
    "Elena",
    "Pierre",
    "Yusuf",
    "Hannah",
    "Diego",
    "Priya",
    "Oluwaseun",
    "Mikhail",
    "Chloe",
    "Ahmed",
    "Lucia",
    "Kenji",
    "Zanele",
    "Peter",
    "Amina",
    "Luis",
    "Sarah",
    "Jürgen",
    "Anaïs",
    "Tariq",
];
const MIDDLE: &[&str] = &["Khan", "Fernanda", "J.", "Paul", "Marie", "Ali", "de la", "van der"];
const SURNAMES: &[&str] = &[
    "Muttaqi",
    "Lopez",
    "Whitaker",
    "Kovalenko",
    "Rahimi",
    "Wei",
    "Mensah",
    "Laurent",
    "Iyer",
    "Petrova",
    "Okafor",
    "Haddad",
    "Lindqvist",
    "Nowak",
    "Tanaka",
    "Brennan",
    "Osei",
    "Yilmaz",
    "Karimi",
    "Adeyemi",
    "Rossi",
    "Dubois",
    "Castillo",
    "Sharma",
    "Volkov",
    "Moreau",
    "Müller",
    "Santos",
    "Ndlovu",
    "Fischer",
    "Gallagher",
    "Hoffmann",
    "Bianchi",
    "Chowdhury",
    "Mwangi",
    "Sokolova",
    "Reyes",
    "Abebe",
    "Park",
    "Novak",
];
const TITLES: &[&str] = &[
    "Foreign Minister",
    "President",
    "Sen.",
    "Prime Minister",
    "Gov.",
    "Gen.",
    "Defence Minister",
    "Finance Minister",
    "Mayor",
    "Judge",
    "Dr.",
    "Chief Executive",
    "Interior Minister",
    "Rep.",
    "Ambassador",
    "Health Secretary",
];
const ROLES: &[&str] = &[
    "a former adviser to",
    "a spokeswoman for",
    "a spokesman for",
    "a senior official at",
    "an economist at",
    "a researcher with",
    "the head of",
    "a lawyer representing",
];
const COUNTRIES: &[&str] = &[
    "Russia",
    "Afghanistan",
    "the United States",
    "Brazil",
    "Kenya",
    "France",
    "India",
    "the U.S.",
    "China",
    "Pakistan",
    "Germany",
    "Nigeria",
    "Japan",
    "Mexico",
    "Turkey",
    "Ukraine",
    "Poland",
    "Egypt",
    "Indonesia",
    "Argentina",
    "South Africa",
    "Côte d’Ivoire",
    "Vietnam",
    "Canada",
    "Iran",
    "Saudi Arabia",
    "Ethiopia",
    "Colombia",
    "the United Kingdom",
    "Britain",
    "Italy",
    "Spain",
];
const CITIES: &[&str] = &[
    "Kabul",
    "Moscow",
    "Nairobi",
    "Paris",
    "Mumbai",
    "Washington",
    "Beijing",
    "Berlin",
    "Lagos",
    "Tokyo",
    "Mexico City",
    "Istanbul",
    "Kyiv",
    "Warsaw",
    "Cairo",
    "Jakarta",
    "Buenos Aires",
    "Johannesburg",
    "São Paulo",
    "Zürich",
    "Geneva",
    "London",
    "Brussels",
    "Tehran",
    "Addis Ababa",
    "Bogotá",
    "Hanoi",
    "Toronto",
];
const DEMONYMS: &[&str] = &[
    "Russian",
    "Afghan",
    "American",
    "Brazilian",
    "Kenyan",
    "French",
    "Indian",
    "Chinese",
    "German",
    "Nigerian",
];
/// Organisations, with the acronym some articles introduce in parentheses.
const ORGS: &[(&str, &str)] = &[
    ("the United Nations", ""),
    ("NATO", ""),
    ("the Foreign Ministry", ""),
    ("the World Bank", ""),
    ("Reuters", ""),
    ("the European Union", "EU"),
    ("the Taliban", ""),
    ("AFP", ""),
    ("the International Monetary Fund", "IMF"),
    ("the World Health Organization", "WHO"),
    ("the African Union", ""),
    ("the Red Cross", ""),
    ("Amnesty International", ""),
    ("the Central Bank", ""),
    ("the Ministry of Health", ""),
    ("the Supreme Court", ""),
    ("the National Assembly", ""),
    ("the Pentagon", ""),
    ("Human Rights Watch", ""),
    ("the Associated Press", ""),
    ("Toyota", ""),
    ("Microsoft", ""),
    ("the Organization of the Petroleum Exporting Countries", "OPEC"),
    ("the Federal Reserve", ""),
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "warned",
    "insisted",
    "explained",
    "noted",
    "argued",
    "wrote",
    "claimed",
];
const CLAUSES: &[&str] = &[
    "the talks would continue next week",
    "there is no alternative to dialogue",
    "the agreement will boost trade between our countries",
    "we are ready to help rebuild the roads",
    "nobody wants another decade of war",
    "prices have risen faster than wages",
    "the government had not been consulted",
    "the new rules would take effect in March",
    "it was too early to say whether the ceasefire would hold",
    "the budget leaves hospitals short of staff",
    "farmers cannot wait another season for the rain",
    "the investigation is still at an early stage",
    "we will not accept any deal that ignores the victims",
    "the vote showed how divided the country remains",
    "the figures were worse than anyone had expected",
    "the company would cut about 1,200 jobs",
    "exports fell for a third month in a row",
    "the border crossing had reopened on Monday",
    "schools would stay closed until the end of the week",
    "the court's decision could be appealed",
];
const PROSE: &[&str] = &[
    "The meeting lasted nearly three hours and ended without a joint statement.",
    "Inflation reached 7.4% in the year to June, the highest level since 2008.",
    "Rescue workers searched through the rubble overnight as temperatures dropped below freezing.",
    "The plan, which was first proposed two years ago, still needs the approval of parliament.",
    "Shares rose 2.3 percent in early trading before giving up most of their gains.",
    "Thousands of people gathered in the main square on Saturday, many of them carrying flags.",
    "Officials did not say how many people had been detained.",
    "The agreement covers energy, agriculture and the sharing of water from the river.",
    "Negotiators are expected to meet again after the holiday.",
    "The storm knocked out power to about 40,000 homes and closed several main roads.",
    "Critics say the law gives the police too much power to stop and search people.",
    "The report, published on Wednesday, runs to more than 300 pages.",
    "It was not immediately clear who would lead the new commission.",
    "Analysts had expected growth of about 1.5% for the quarter.",
    "The ministry has been under pressure to explain the delays — some of them months long.",
    "Talks broke down last year over the question of compensation.",
    "Voters will go to the polls again in November.",
    "The hospital said it had treated 27 people for minor injuries.",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const HEADLINE_NOUNS: &[&str] =
    &["Talks", "Trade Deal", "Protests", "Budget", "Elections", "Ceasefire", "Floods"];

/// A small linear congruential generator: deterministic across platforms.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn below(&mut self, n: usize) -> usize {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A person of one article: full name for the first mention, surname after.
struct Person {
    title: &'static str,
    full: String,
    surname: &'static str,
    pronoun: &'static str,
}

impl Person {
    fn new(rng: &mut Lcg) -> Person {
        let given = rng.pick(GIVEN);
        let surname = rng.pick(SURNAMES);
        let full = if rng.below(4) == 0 {
            format!("{given} {} {surname}", rng.pick(MIDDLE))
        } else {
            format!("{given} {surname}")
        };
        let pronoun = if rng.below(2) == 0 { "he" } else { "she" };
        Person { title: rng.pick(TITLES), full, surname, pronoun }
    }
}

/// The articles of the corpus, one after another, the same sequence on every run.
pub struct Articles {
    rng: Lcg,
}

impl Default for Articles {
    fn default() -> Self {
        Articles::new()
    }
}

impl Articles {
    /// The sequence from its fixed seed.
    pub fn new() -> Articles {
        Articles { rng: Lcg(0x5eed_2025) }
    }
}

impl Iterator for Articles {
    type Item = Vec<String>;

    /// The next article: its paragraphs (headline first).
    fn next(&mut self) -> Option<Vec<String>> {
        Some(article(&mut self.rng))
    }
}

/// One article of 6 to 18 paragraphs.
fn article(rng: &mut Lcg) -> Vec<String> {
    let people: Vec<Person> = (0..2 + rng.below(2)).map(|_| Person::new(rng)).collect();
    let country = rng.pick(COUNTRIES);
    let other = rng.pick(COUNTRIES);
    let city = rng.pick(CITIES);
    let (org, acronym) = ORGS[rng.below(ORGS.len())];
    let day = rng.pick(DAYS);
    let mut paras = Vec::new();

    let noun = rng.pick(HEADLINE_NOUNS);
    let headline = format!("{noun} in {} as {} Visits {city}", plain(country), people[0].surname);
    paras.push(if rng.below(5) == 0 { headline.to_uppercase() } else { headline });

    // Lede: dateline, title and full name, organisation (with its acronym).
    let org_first = if acronym.is_empty() { org.to_string() } else { format!("{org} ({acronym})") };
    paras.push(format!(
        "{} ({}) — {} {} met officials from {org_first} in {city} on {day}, {} government said. \
         {} {}",
        city.to_uppercase(),
        if rng.below(2) == 0 { "Reuters" } else { "AP" },
        people[0].title,
        people[0].full,
        possessive(plain(country)),
        rng.pick(PROSE),
        rng.pick(PROSE)
    ));
    let short_org = if acronym.is_empty() { org } else { acronym };

    let body = 3 + rng.below(12);
    for k in 0..body {
        let p = &people[rng.below(people.len())];
        let second = &people[(k + 1) % people.len()];
        let para = match rng.below(12) {
            0 => format!("\u{201c}{},\u{201d} {} {} in {city}.", cap(rng.pick(CLAUSES)), p.surname, rng.pick(VERBS)),
            1 => format!(
                "\"{}. {},\" said {}, {} {short_org}. \"{}.\"",
                cap(rng.pick(CLAUSES)),
                cap(rng.pick(CLAUSES)),
                second.full,
                rng.pick(ROLES),
                cap(rng.pick(CLAUSES))
            ),
            2 => format!("{} said that {}, according to a statement from {short_org}.", p.full, rng.pick(CLAUSES)),
            3 => format!(
                "Trade between {} and {} rose by {}.{}% in {}, while the U.S.-led coalition and {short_org} called \
                 it \"{}.\"",
                country,
                other,
                1 + rng.below(9),
                rng.below(10),
                2015 + rng.below(10),
                rng.pick(CLAUSES)
            ),
            4 => format!("{} {}: \"{}. {}.\"", p.surname, rng.pick(VERBS), cap(rng.pick(CLAUSES)), cap(rng.pick(CLAUSES))),
            5 => format!(
                "\"{},\" {} said. \"But {}.\"",
                cap(rng.pick(CLAUSES)),
                p.pronoun,
                rng.pick(CLAUSES)
            ),
            6 => format!(
                "According to {}, {}. {}",
                second.surname,
                rng.pick(CLAUSES),
                rng.pick(PROSE)
            ),
            7 => format!(
                "{} {} officials said {} was \u{201c}{}\u{201d} and that {}.",
                cap(rng.pick(DEMONYMS)),
                if rng.below(2) == 0 { "senior" } else { "local" },
                if rng.below(2) == 0 { "the plan" } else { "the decision" },
                rng.pick(&["a step backwards", "long overdue", "a good start", "unacceptable"]),
                rng.pick(CLAUSES)
            ),
            8 => {
                // A quotation over two paragraphs: the first is left open.
                let open = format!("\"{}. {}.", cap(rng.pick(CLAUSES)), cap(rng.pick(CLAUSES)));
                paras.push(open);
                format!("\"{},\" {} {} on {day}.", cap(rng.pick(CLAUSES)), p.surname, rng.pick(VERBS))
            }
            9 => format!(
                "{} {} has said {} will visit {} in {}.",
                possessive(plain(other)),
                rng.pick(&["president", "prime minister", "foreign minister"]),
                p.pronoun,
                city,
                rng.pick(&["January", "April", "June", "September", "December"])
            ),
            _ => format!("{} {}", rng.pick(PROSE), rng.pick(PROSE)),
        };
        paras.push(para);
    }
    paras.push(format!(
        "({} reporting by {}; editing by {})",
        plain(country),
        people[0].full,
        people[1].full
    ));
    paras
}

/// A name without its article ("the United States" → "United States"), for headlines
/// and possessives.
fn plain(name: &str) -> &str {
    name.strip_prefix("the ").unwrap_or(name)
}

/// "Kenya's", "United States'".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// At least `bytes` bytes of news-like text (whole paragraphs, blank lines between
/// them and between articles), the same for the same size; a shorter text is a
/// prefix of a longer one.
pub fn news_text(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    for article in Articles::new() {
        for para in article {
            out.push_str(&para);
            out.push_str("\n\n");
            if out.len() >= bytes {
                return out;
            }
        }
    }
    out
}
