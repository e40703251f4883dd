//! Entity cases written for gazette: text, then the expected mentions as
//! `text=kind:canonical` (`~` before the kind marks a demonym). Only the kinds
//! listed in a case are checked, so each case says exactly what it is about.

use gazette::{EntityKind, Extractor, MentionForm};

struct Case {
    text: &'static str,
    /// Expected mentions of the checked kinds, in order.
    expect: &'static [&'static str],
    kinds: &'static [EntityKind],
}

use EntityKind::{Country, Location, Organization, Person};

fn run(cases: &[Case]) {
    let x = Extractor::new();
    let mut failures = Vec::new();
    for case in cases {
        let a = x.extract(case.text);
        let got: Vec<String> = a
            .mentions
            .iter()
            .filter(|m| case.kinds.contains(&m.kind))
            .map(|m| {
                let tilde = if m.form == MentionForm::Demonym { "~" } else { "" };
                format!("{}={}{}:{}", m.span.text(case.text), tilde, m.kind, a.entities[m.entity].name)
            })
            .collect();
        if got != case.expect {
            failures.push(format!("{:?}\n   expected {:?}\n   got      {:?}", case.text, case.expect, got));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn countries_and_aliases() {
    run(&[
        Case {
            text: "The U.S.-led coalition met in the United States of America.",
            expect: &["U.S.=country:United States", "United States of America=country:United States"],
            kinds: &[Country],
        },
        Case {
            text: "Britain, the UK and Great Britain are one; so are Burma and Myanmar.",
            expect: &[
                "Britain=country:United Kingdom",
                "UK=country:United Kingdom",
                "Great Britain=country:United Kingdom",
                "Burma=country:Myanmar",
                "Myanmar=country:Myanmar",
            ],
            kinds: &[Country],
        },
        Case {
            text: "Côte d’Ivoire, also called Ivory Coast, borders Ghana.",
            expect: &[
                "Côte d’Ivoire=country:Ivory Coast",
                "Ivory Coast=country:Ivory Coast",
                "Ghana=country:Ghana",
            ],
            kinds: &[Country],
        },
        Case {
            text: "The UAE and the DRC signed a deal with the Russian Federation.",
            expect: &[
                "UAE=country:United Arab Emirates",
                "DRC=country:Democratic Republic of the Congo",
                "Russian Federation=country:Russia",
            ],
            kinds: &[Country],
        },
    ]);
}

#[test]
fn demonyms_link_to_their_country_but_are_not_country_mentions() {
    let x = Extractor::new();
    let text = "Russian diplomats and Afghan officials met in Russia.";
    let a = x.extract(text);
    let russia = a.entity("Russia").expect("Russia");
    let forms: Vec<(&str, MentionForm)> =
        russia.mentions.iter().map(|&i| (a.mentions[i].span.text(text), a.mentions[i].form)).collect();
    assert_eq!(forms, [("Russian", MentionForm::Demonym), ("Russia", MentionForm::Name)]);
    let afghanistan = a.entity("Afghanistan").expect("Afghanistan via its demonym");
    assert_eq!(afghanistan.ids.get("iso3").map(String::as_str), Some("AFG"));
}

#[test]
fn capitalisation_matters_where_the_word_is_also_ordinary() {
    run(&[
        Case {
            text: "We ate turkey in Turkey; china from China; us and the US.",
            expect: &["Turkey=country:Turkey", "China=country:China", "US=country:United States"],
            kinds: &[Country],
        },
        Case {
            text: "RUSSIA AND CHINA SIGN DEAL",
            expect: &["RUSSIA=country:Russia", "CHINA=country:China"],
            kinds: &[Country],
        },
        Case { text: "russia and china in lower case are not names.", expect: &[], kinds: &[Country] },
    ]);
}

#[test]
fn boundaries_and_possessives() {
    run(&[
        Case {
            text: "Romania's and Omani interests; Afghanistan’s rulers; Nigerians in Niger.",
            expect: &[
                "Romania=country:Romania",
                "Omani=~country:Oman",
                "Afghanistan=country:Afghanistan",
                "Nigerians=~country:Nigeria",
                "Niger=country:Niger",
            ],
            kinds: &[Country],
        },
        Case {
            text: "Indiana is not India, Omaha is not Oman.",
            expect: &["India=country:India", "Oman=country:Oman"],
            kinds: &[Country],
        },
    ]);
}

#[test]
fn every_embedded_list_parses() {
    for (name, tsv) in gazette::EMBEDDED_LISTS {
        let list = gazette::gazetteer::List::parse(name, tsv).unwrap_or_else(|e| panic!("{e}"));
        assert!(!list.entries.is_empty(), "{name} is empty");
    }
}

#[test]
fn extractor_is_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Extractor>();
    let x = Extractor::new();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let x = x.clone();
            std::thread::spawn(move || x.extract("Kenya and Peru").entities.len())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 2);
    }
}

#[test]
fn user_lists_outrank_the_embedded_ones() {
    let x = Extractor::builder()
        .add_list(
            "newsroom",
            "Georgia Peach Co\torganization\tGeorgia Peach\nChad\tperson\tChad Smith\t\texact\n",
        )
        .build()
        .unwrap();
    let text = "Georgia Peach Co hired Chad.";
    let a = x.extract(text);
    let got: Vec<(&str, EntityKind)> = a.mentions.iter().map(|m| (m.span.text(text), m.kind)).collect();
    assert_eq!(got, [("Georgia Peach Co", Organization), ("Chad", Person)]);
    assert_eq!(a.mentions[0].found_by.to_string(), "list:newsroom");
    let _ = Location;
}
