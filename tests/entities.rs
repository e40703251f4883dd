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

#[test]
fn people_from_titles_given_names_initials_and_particles() {
    run(&[
        Case {
            text: "Kenya's Foreign Minister Amina Wanjiru Otieno flew to Lima, where Russian President Vladimir Putin spoke.",
            expect: &["Amina Wanjiru Otieno=person:Amina Wanjiru Otieno", "Vladimir Putin=person:Vladimir Putin"],
            kinds: &[Person],
        },
        Case {
            text: "The novel by J. K. Rowling was praised by Ludwig van Hoorn and by Osama bin Talal in a letter.",
            expect: &["J. K. Rowling=person:J. K. Rowling", "Ludwig van Hoorn=person:Ludwig van Hoorn", "Osama bin Talal=person:Osama bin Talal"],
            kinds: &[Person],
        },
        Case {
            text: "\"We will rebuild,\" said Mariam Solaimankhil, a former member of parliament.",
            expect: &["Mariam Solaimankhil=person:Mariam Solaimankhil"],
            kinds: &[Person],
        },
        Case {
            text: "The plan was drafted by economist Tomasz Wrzesniewski and approved on Thursday.",
            expect: &["Tomasz Wrzesniewski=person:Tomasz Wrzesniewski"],
            kinds: &[Person],
        },
        Case {
            text: "Officials in Quito met Sen. Dale Harwick on Monday. Harwick said little.",
            expect: &["Dale Harwick=person:Dale Harwick", "Harwick=person:Dale Harwick"],
            kinds: &[Person],
        },
    ]);
}

#[test]
fn short_forms_link_before_and_after_the_full_name() {
    let x = Extractor::new();
    let text = "Muttaqi arrived first. Later, Foreign Minister Amir Khan Muttaqi told reporters that Muttaqi's team was ready.";
    let a = x.extract(text);
    let people: Vec<&str> = a.entities_of(Person).map(|e| e.name.as_str()).collect();
    assert_eq!(people, ["Amir Khan Muttaqi"]);
    assert_eq!(a.entity("Amir Khan Muttaqi").unwrap().mentions.len(), 3);
}

#[test]
fn organisations_from_head_words_of_phrases_owners_and_acronyms() {
    run(&[
        Case {
            text: "The Ministry of Foreign Affairs and the Harbour Workers Union met the Northfield Mining Corp. board.",
            expect: &[
                "Ministry of Foreign Affairs=organization:Ministry of Foreign Affairs",
                "Harbour Workers Union=organization:Harbour Workers Union",
                "Northfield Mining Corp.=organization:Northfield Mining Corp.",
            ],
            kinds: &[Organization],
        },
        Case {
            text: "Peru's Foreign Ministry disagreed with the Chilean Foreign Ministry, and the Foreign Ministry in Lima said so.",
            expect: &[
                "Foreign Ministry=organization:Foreign Ministry (Peru)",
                "Foreign Ministry=organization:Foreign Ministry (Chile)",
                "Foreign Ministry=organization:Foreign Ministry (Chile)",
            ],
            kinds: &[Organization],
        },
        Case {
            text: "The Coastal Farmers Alliance (CFA) said the CFA would march.",
            expect: &[
                "Coastal Farmers Alliance=organization:Coastal Farmers Alliance",
                "CFA=organization:Coastal Farmers Alliance",
                "CFA=organization:Coastal Farmers Alliance",
            ],
            kinds: &[Organization],
        },
        Case {
            text: "NATO, the United Nations and the Taliban were named, with AFP reporting.",
            expect: &[
                "NATO=organization:North Atlantic Treaty Organization",
                "United Nations=organization:United Nations",
                "Taliban=organization:Taliban",
                "AFP=organization:Agence France-Presse",
            ],
            kinds: &[Organization],
        },
    ]);
}

#[test]
fn places_from_lists_and_patterns() {
    run(&[
        Case {
            text: "Fighting spread from Kabul to Zarghun Province and to Orange County, far from Moscow.",
            expect: &[
                "Kabul=location:Kabul",
                "Zarghun Province=location:Zarghun Province",
                "Orange County=location:Orange County",
                "Moscow=location:Moscow",
            ],
            kinds: &[Location],
        },
        Case {
            text: "Tensions rose in the Middle East and in Kashmir.",
            expect: &["Middle East=location:Middle East", "Kashmir=location:Kashmir"],
            kinds: &[Location],
        },
    ]);
}

#[test]
fn ambiguous_names_are_decided_by_context() {
    run(&[
        Case {
            text: "Michael Jordan visited Jordan.",
            expect: &["Michael Jordan=person:Michael Jordan", "Jordan=country:Jordan"],
            kinds: &[Person, Country],
        },
        Case {
            text: "Troops left Chad; Chad Hensley stayed. Turkey and turkey differ.",
            expect: &["Chad=country:Chad", "Chad Hensley=person:Chad Hensley", "Turkey=country:Turkey"],
            kinds: &[Person, Country],
        },
    ]);
}

#[test]
fn sports_clubs_named_after_places_are_organisations() {
    let text = "CRICKET - ENGLISH COUNTY RESULTS\nLeicestershire beat Somerset by an innings and 39 runs on the final day of the match.\nSomerset 83 and 174 , Leicestershire 296 .\nThe match in Leicester drew a crowd and the league title race goes on.";
    let a = Extractor::new().extract(text);
    let orgs: Vec<&str> =
        a.mentions.iter().filter(|m| m.kind == Organization).map(|m| m.span.text(text)).collect();
    assert_eq!(orgs, ["Leicestershire", "Somerset", "Somerset", "Leicestershire"]);
    let places: Vec<&str> =
        a.mentions.iter().filter(|m| m.kind == Location).map(|m| m.span.text(text)).collect();
    assert_eq!(places, ["Leicester"]);
}

#[test]
fn headlines_in_capitals_are_not_guessed_wildly() {
    let text = "PUTIN MEETS SHARIF IN BEIJING AS TALKS DRAG ON\nRussian President Vladimir Putin met Pakistan's Prime Minister Nawaz Sharif in Beijing on Friday.";
    let a = Extractor::new().extract(text);
    let got: Vec<String> = a
        .mentions
        .iter()
        .filter(|m| m.form == MentionForm::Name)
        .map(|m| format!("{}={}", m.span.text(text), m.kind))
        .collect();
    assert_eq!(
        got,
        [
            "PUTIN=person",
            "SHARIF=person",
            "BEIJING=location",
            "Vladimir Putin=person",
            "Pakistan=country",
            "Nawaz Sharif=person",
            "Beijing=location"
        ]
    );
}

#[test]
fn ordinary_capitalised_words_are_not_names() {
    let text = "Related article: Allies Meet Again\n\nOriginal url: example\n\nOn Thursday, Officials said Taliban Diplomat to Take Role.";
    let a = Extractor::new().extract(text);
    let got: Vec<&str> = a
        .mentions
        .iter()
        .filter(|m| matches!(m.kind, Person | Organization))
        .map(|m| m.span.text(text))
        .collect();
    assert_eq!(got, ["Taliban"]);
}

#[test]
fn the_reference_article_when_present() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/russia-recognizes-taliban.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let a = Extractor::new().extract(&text);
    let names = |kind: EntityKind| -> Vec<&str> { a.entities_of(kind).map(|e| e.name.as_str()).collect() };
    let people = names(Person);
    for p in [
        "Amir Khan Muttaqi",
        "Dmitry Zhirnov",
        "Zia Ahmad Takal",
        "Vladimir Putin",
        "Mariam Solaimankhil",
        "Fawzia Koofi",
    ] {
        assert!(people.contains(&p), "{p} missing from {people:?}");
    }
    assert_eq!(people.len(), 6, "{people:?}");
    let muttaqi = a.entity("Amir Khan Muttaqi").unwrap();
    let forms: Vec<&str> = muttaqi.mentions.iter().map(|&m| a.mentions[m].span.text(&text)).collect();
    assert_eq!(forms, ["Amir Khan Muttaqi", "Amir Khan Muttaqi", "Muttaqi", "Muttaqi"]);
    let countries = names(Country);
    for c in [
        "Russia",
        "Afghanistan",
        "Saudi Arabia",
        "Pakistan",
        "United Arab Emirates",
        "China",
        "United States",
    ] {
        assert!(countries.contains(&c), "{c} missing from {countries:?}");
    }
    let places = names(Location);
    assert!(places.contains(&"Kabul") && places.contains(&"Moscow"), "{places:?}");
    let orgs = names(Organization);
    for o in [
        "Agence France-Presse",
        "Taliban",
        "North Atlantic Treaty Organization",
        "United Nations",
        "Foreign Ministry (Afghanistan)",
        "Foreign Ministry (Russia)",
    ] {
        assert!(orgs.contains(&o), "{o} missing from {orgs:?}");
    }
    for m in &a.mentions {
        let t = m.span.text(&text);
        assert!(!["Thursday", "Related", "Allies", "Original"].contains(&t), "{t} is a {} mention", m.kind);
    }
}
