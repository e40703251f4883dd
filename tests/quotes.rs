//! Quotations: one case (or more) per pattern of the quotation stage, written for
//! these tests; a regression group where each case says what it once broke; the
//! reference article when it is present; and properties that hold for any input.

use gazette::{Analysis, Extractor, Quote, QuoteKind};
use proptest::prelude::*;

/// What one expected quotation must look like.
#[derive(Debug, Clone, Copy)]
struct Want {
    /// Text the quotation's content parts (joined by a space) must contain.
    content: &'static str,
    /// Number of content parts, when it matters.
    parts: Option<usize>,
    /// The speaker mention exactly as written, when given.
    speaker: Option<&'static str>,
    /// The speaker entity's canonical name, when given.
    entity: Option<&'static str>,
    /// The cue exactly as written, when given.
    cue: Option<&'static str>,
    kind: QuoteKind,
}

const fn want(content: &'static str, kind: QuoteKind) -> Want {
    Want { content, parts: None, speaker: None, entity: None, cue: None, kind }
}

impl Want {
    const fn speaker(self, s: &'static str) -> Want {
        Want { speaker: Some(s), ..self }
    }
    const fn entity(self, e: &'static str) -> Want {
        Want { entity: Some(e), ..self }
    }
    const fn cue(self, c: &'static str) -> Want {
        Want { cue: Some(c), ..self }
    }
    const fn parts(self, n: usize) -> Want {
        Want { parts: Some(n), ..self }
    }
}

use QuoteKind::{Direct, Indirect, Mixed, Unattributed};

fn joined(text: &str, q: &Quote) -> String {
    q.content.iter().map(|s| s.text(text)).collect::<Vec<_>>().join(" ")
}

fn describe(text: &str, a: &Analysis) -> String {
    a.quotes
        .iter()
        .map(|q| {
            format!(
                "  {:?} speaker={:?} cue={:?} entity={:?} content={:?}\n",
                q.kind,
                q.speaker.map(|s| s.text(text)),
                q.cue.map(|s| s.text(text)),
                a.speaker_of(q).map(|e| e.name.as_str()),
                q.content.iter().map(|s| s.text(text)).collect::<Vec<_>>()
            )
        })
        .collect()
}

/// Check that every wanted quotation is found as described, and that no quotation
/// with a speaker contains any of `not_speech`.
fn check(text: &str, wants: &[Want], not_speech: &[&str]) {
    let a = Extractor::new().extract(text);
    for w in wants {
        let found = a.quotes.iter().find(|q| joined(text, q).contains(w.content));
        let Some(q) = found else {
            panic!("no quotation contains {:?} in {text:?}; found:\n{}", w.content, describe(text, &a))
        };
        let ctx = || format!("quotation {:?} in {text:?}; found:\n{}", w.content, describe(text, &a));
        assert_eq!(q.kind, w.kind, "kind of {}", ctx());
        if let Some(n) = w.parts {
            assert_eq!(q.content.len(), n, "parts of {}", ctx());
        }
        if let Some(s) = w.speaker {
            assert_eq!(q.speaker.map(|x| x.text(text)), Some(s), "speaker of {}", ctx());
        }
        if let Some(c) = w.cue {
            assert_eq!(q.cue.map(|x| x.text(text)), Some(c), "cue of {}", ctx());
        }
        if let Some(e) = w.entity {
            assert_eq!(a.speaker_of(q).map(|x| x.name.as_str()), Some(e), "entity of {}", ctx());
        }
    }
    // A term may sit inside reported speech, but is never a quotation of its own.
    for term in not_speech {
        for q in &a.quotes {
            let content = joined(text, q);
            if content.contains(term) {
                let alone = content.trim_matches(|c: char| !c.is_alphanumeric()) == *term;
                assert!(
                    !matches!(q.kind, Direct | Mixed) && (q.kind == Unattributed || !alone),
                    "{term:?} is not speech in {text:?}; found:\n{}",
                    describe(text, &a)
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Quotation marks

#[test]
fn straight_and_curly_double_quotes() {
    check(
        "\"The bridge will reopen in May,\" the mayor said.",
        &[want("The bridge will reopen in May,", Direct).speaker("the mayor").cue("said")],
        &[],
    );
    check(
        "“The bridge will reopen in May,” the mayor said.",
        &[want("The bridge will reopen in May,", Direct).speaker("the mayor")],
        &[],
    );
    // Mixed styles in one quotation, as scraped text often has.
    check("\"We were ready,” the coach said.", &[want("We were ready,", Direct).speaker("the coach")], &[]);
}

#[test]
fn single_quotes_in_a_headline_but_not_apostrophes() {
    check(
        "Weber: 'We will finish the bridge'\n\nThe workers' union wasn't consulted about the '90s plan.",
        &[want("We will finish the bridge", Direct).speaker("Weber").cue(":")],
        &["workers", "wasn", "90s"],
    );
}

#[test]
fn guillemets_and_low_quotes() {
    check(
        "The minister said: «We will not negotiate with the rebels.»",
        &[want("We will not negotiate with the rebels.", Direct).speaker("The minister")],
        &[],
    );
    check(
        "„We expected more“, the coach said.",
        &[want("We expected more", Direct).speaker("the coach")],
        &[],
    );
}

#[test]
fn a_quotation_inside_a_quotation_stays_inside() {
    check(
        "\"He told me, 'go home,' and I did,\" the witness said.",
        &[want("He told me, 'go home,' and I did,", Direct).speaker("the witness").parts(1)],
        &[],
    );
    check(
        "\"She called it “a disgrace” on live television,\" the producer said.",
        &[want("She called it “a disgrace” on live television,", Direct).speaker("the producer").parts(1)],
        &[],
    );
}

#[test]
fn a_quotation_over_several_paragraphs() {
    let text =
        "Maria Lopez said:\n\n\"First, we will fix the roads.\n\n\"Second, we will open the schools.\n\n\
                \"Third, we will hire more nurses.\"\n\nThe council meets on Friday.";
    check(
        text,
        &[want("First, we will fix the roads. Second, we will open the schools. Third", Direct)
            .speaker("Maria Lopez")
            .entity("Maria Lopez")
            .parts(3)],
        &["council"],
    );
}

#[test]
fn a_quotation_broken_by_a_stray_line_break() {
    check(
        "\"The talks have\n\nfinally ended,\" Richard Evans said.",
        &[want("The talks have\n\nfinally ended,", Direct).speaker("Richard Evans").parts(1)],
        &[],
    );
    // A single line break in text that is not hard-wrapped.
    check(
        "\"The talks have\nfinally ended,\" Richard Evans said.",
        &[want("finally ended,", Direct).speaker("Richard Evans")],
        &[],
    );
}

#[test]
fn an_unbalanced_mark_ends_with_its_paragraph() {
    let text = "The mayor said \"we are out of money.\n\nCouncil members met on Tuesday. \
                \"We will find it,\" the treasurer said.";
    check(
        text,
        &[
            want("we are out of money.", Direct).speaker("The mayor"),
            want("We will find it,", Direct).speaker("the treasurer"),
        ],
        &["Council members"],
    );
}

// ---------------------------------------------------------------------------------
// What is speech

#[test]
fn scare_quotes_titles_and_headings_are_not_speech() {
    check(
        "Police removed the group from a list of \"terrorist organizations\" last year.\n\n\
         She appeared on \"Meet the Press\" on Sunday.\n\n'Allies'\n\nThe talks resumed.",
        &[
            want("terrorist organizations", Unattributed),
            want("Meet the Press", Unattributed),
            want("Allies", Unattributed),
        ],
        &["terrorist organizations", "Meet the Press", "Allies"],
    );
    // A slogan after a comma is a title, not what the subject said.
    check(
        "Reporters noted the change from the usual campaign slogan, \"Make Our Town Great Again.\"",
        &[],
        &["Make Our Town Great Again"],
    );
    // "a group called "X"" names the group.
    check("He joined a group called \"Friends of the River\" in 2010.", &[], &["Friends of the River"]);
}

// ---------------------------------------------------------------------------------
// Attribution patterns

#[test]
fn quote_then_speaker_then_cue() {
    check(
        "\"Nobody was hurt,\" Thomas Weber said.",
        &[want("Nobody was hurt,", Direct).speaker("Thomas Weber").entity("Thomas Weber").cue("said")],
        &[],
    );
}

#[test]
fn quote_then_cue_then_speaker_with_role() {
    check(
        "\"The bridge will reopen in May,\" said Thomas Weber, the city's transport director.",
        &[want("The bridge will reopen in May,", Direct)
            .speaker("Thomas Weber")
            .entity("Thomas Weber")
            .cue("said")],
        &[],
    );
}

#[test]
fn speaker_cue_colon_quote() {
    check(
        "Senator Karen Holt said: \"We have the votes.\"",
        &[want("We have the votes.", Direct).speaker("Senator Karen Holt").entity("Karen Holt").cue("said")],
        &[],
    );
    // A colon ending the paragraph before.
    check(
        "Karen Holt said in a statement:\n\n\"We have the votes, and we will use them.\"",
        &[want("We have the votes", Direct).speaker("Karen Holt").cue("said in a statement")],
        &[],
    );
}

#[test]
fn speaker_cue_that_clause_with_a_partial_quote() {
    check(
        "Karen Holt said the bill was \"dead on arrival and will never pass the Senate.\"",
        &[want("the bill was \"dead on arrival", Mixed).speaker("Karen Holt").cue("said")],
        &[],
    );
    // Two partial quotations of one clause are one quotation.
    check(
        "Karen Holt said the plan \"will not lower prices\" and \"could cost the state billions over ten years.\"",
        &[want("will not lower prices\" and \"could cost", Mixed).speaker("Karen Holt").parts(1)],
        &[],
    );
    // A quoted word in a longer paraphrase is reported speech, not a quotation.
    check(
        "Karen Holt said the new budget, which the council approved on Tuesday after a long debate, \
         was \"reckless.\"",
        &[want("the new budget", Indirect).speaker("Karen Holt")],
        &[],
    );
}

#[test]
fn according_to_speaker() {
    check(
        "According to Thomas Weber, \"the repairs are finished.\"",
        &[want("the repairs are finished.", Direct).speaker("Thomas Weber").cue("According to")],
        &[],
    );
    check(
        "\"The repairs are finished,\" according to the city engineer.",
        &[want("The repairs are finished,", Direct).speaker("the city engineer").cue("according to")],
        &[],
    );
}

#[test]
fn quote_speaker_told_outlet() {
    check(
        "\"Nobody was hurt,\" the fire chief told AFP.",
        &[want("Nobody was hurt,", Direct).speaker("the fire chief").cue("told")],
        &[],
    );
}

#[test]
fn appositions_and_relative_clauses_between_speaker_and_cue() {
    check(
        "\"They deserve answers,\" Richard Evans, a lawyer who represents several of the families, said.",
        &[want("They deserve answers,", Direct).speaker("Richard Evans").entity("Richard Evans")],
        &[],
    );
    check(
        "Richard Evans, a lawyer who represents several of the families, said: \"They deserve answers.\"",
        &[want("They deserve answers.", Direct).speaker("Richard Evans").entity("Richard Evans")],
        &[],
    );
    // A description first, the name between the commas.
    check(
        "A former judge from the capital, Laura Chen, said the ruling \"ignores the law and the evidence entirely.\"",
        &[want("ignores the law", Mixed).speaker("Laura Chen").entity("Laura Chen")],
        &[],
    );
}

#[test]
fn pronouns_resolve_to_the_right_person() {
    check(
        "David Miller met the mayor of Springfield on Monday. \"We agreed on a plan,\" he said.",
        &[want("We agreed on a plan,", Direct).speaker("he").entity("David Miller")],
        &[],
    );
    // "she" skips a man mentioned in between.
    check(
        "Laura Chen spoke after David Miller left the room. \"They worked through the night,\" she said.",
        &[want("They worked through the night,", Direct).speaker("she").entity("Laura Chen")],
        &[],
    );
}

#[test]
fn nominal_speakers_resolve_where_the_text_allows() {
    check(
        "The Foreign Ministry issued a statement on Friday.\n\n\"The decision is final,\" the ministry said.",
        &[want("The decision is final,", Direct).speaker("the ministry").entity("Foreign Ministry")],
        &[],
    );
    check(
        "\"The road is closed,\" a spokesman said.",
        &[want("The road is closed,", Direct).speaker("a spokesman")],
        &[],
    );
    check(
        "\"Talks will continue,\" officials said on Monday.",
        &[want("Talks will continue,", Direct).speaker("officials")],
        &[],
    );
}

#[test]
fn a_quotation_in_the_next_paragraph_continues_the_speaker() {
    check(
        "\"We are not leaving,\" Maria Lopez said.\n\n\"This is our home, and we will defend it.\"\n\nThe vote is on Monday.",
        &[want("We are not leaving, This is our home", Direct).speaker("Maria Lopez").entity("Maria Lopez").parts(2)],
        &["vote"],
    );
}

#[test]
fn an_interrupted_quotation_is_one_quotation_in_parts() {
    check(
        "\"We are not leaving,\" Maria Lopez said. \"This is our home.\"",
        &[want("We are not leaving, This is our home.", Direct).speaker("Maria Lopez").parts(2)],
        &[],
    );
    check(
        "\"We are not leaving,\" Maria Lopez said, \"because this is our home.\"",
        &[want("We are not leaving, because this is our home.", Direct).parts(2)],
        &[],
    );
}

// ---------------------------------------------------------------------------------
// The lexicon

#[test]
fn speech_verbs_and_multiword_cues() {
    for (text, cue) in [
        ("\"It is over,\" Laura Chen tweeted.", "tweeted"),
        ("\"Try the soup,\" the chef quipped.", "quipped"),
        ("\"Do not drink the water,\" the agency warned.", "warned"),
        ("\"I did nothing wrong,\" the driver insisted.", "insisted"),
        ("\"The vote was rigged,\" he wrote on Facebook.", "wrote"),
        ("\"Schools stay open,\" the minister posted.", "posted"),
        ("\"Prices rose twice,\" the economist pointed out.", "pointed out"),
        ("\"We are open,\" the company said in a statement.", "said in a statement"),
        ("\"We are open,\" the owner said in a video posted online.", "said in a video"),
    ] {
        check(text, &[want("", Direct).cue(cue)], &[]);
    }
}

// ---------------------------------------------------------------------------------
// Indirect speech

#[test]
fn indirect_speech() {
    check(
        "Thomas Weber warned that the repairs could take years.",
        &[want("the repairs could take years", Indirect).speaker("Thomas Weber").cue("warned")],
        &[],
    );
    check(
        "David Miller told reporters that the plant would close.",
        &[want("the plant would close", Indirect).speaker("David Miller").cue("told")],
        &[],
    );
    check(
        "The company said in a statement that profits had doubled.",
        &[want("profits had doubled", Indirect).speaker("The company").cue("said in a statement")],
        &[],
    );
    check(
        "According to the report, the river had flooded twice.",
        &[want("the river had flooded twice", Indirect).speaker("the report").cue("According to")],
        &[],
    );
    check(
        "The plant will close next year, David Miller said.",
        &[want("The plant will close next year", Indirect).speaker("David Miller")],
        &[],
    );
    check(
        "The plant will close next year, said David Miller.",
        &[want("The plant will close", Indirect)],
        &[],
    );
    // "is said to", "was told": no speaker, no reported speech.
    let text = "The bridge is said to be safe. He was told to leave.";
    let a = Extractor::new().extract(text);
    assert!(a.quotes.is_empty(), "{}", describe(text, &a));
}

// ---------------------------------------------------------------------------------
// Regressions: each case once broke.

#[test]
fn regression_a_quote_only_paragraph_after_a_closing_mark() {
    // The segmentation joined a paragraph ending in `."` to the next one, so the
    // continuation paragraph was not seen as a paragraph of its own.
    check(
        "The move \"fails the families,\" said Maria Lopez, a member of the council.\n\n\
         \"The move shows that money matters more than people.\"\n\nThe next meeting is in June.",
        &[want("The move shows", Mixed).speaker("Maria Lopez").parts(2)],
        &["next meeting"],
    );
}

#[test]
fn regression_stacked_appositions_after_the_quote() {
    // The speaker was taken from the second apposition ("the attorney general ...").
    check(
        "\"It is an invasion,\" Scott Palmer, the attorney general of the state, one of the states suing \
         the agency, said at an event.",
        &[want("It is an invasion,", Direct).speaker("Scott Palmer")],
        &[],
    );
}

#[test]
fn regression_plural_possessive_in_an_apposition() {
    // The apostrophe of "veterans'" was taken for a quotation mark and cut the
    // apposition short, so the speaker was lost.
    check(
        "Ruth Carter, who runs the campaign's outreach to veterans' families, said, \"They have been ignored.\"",
        &[want("They have been ignored.", Direct).speaker("Ruth Carter")],
        &[],
    );
}

#[test]
fn regression_gerund_cue_speaks_for_the_subject() {
    // The speaker was the object before "saying".
    check(
        "In a speech on Monday, Karen Holt attacked the governor over the budget, saying, \"He has no plan.\"",
        &[want("He has no plan.", Direct).speaker("Karen Holt")],
        &[],
    );
    // A pronoun subject was taken for a fronted adverbial.
    check(
        "He then defended the remark, saying, \"I stand by every word.\"",
        &[want("I stand by every word.", Direct).speaker("He")],
        &[],
    );
}

#[test]
fn regression_noun_of_attribution_is_not_a_cue_verb() {
    // "campaign message" was read as the verb "message" with speaker "campaign".
    check("David Miller is rolling out a new campaign message: \"It is about jobs.\"", &[], &[]);
    let text = "David Miller is rolling out a new campaign message: \"It is about jobs.\"";
    let a = Extractor::new().extract(text);
    for q in &a.quotes {
        assert_ne!(q.speaker.map(|s| s.text(text)), Some("new campaign"), "{}", describe(text, &a));
    }
}

#[test]
fn regression_a_partial_quote_runs_to_the_end_of_its_clause() {
    // The content stopped at the closing mark, so the quoted words looked like most
    // of what was reported.
    check(
        "David Miller said \"it makes me angry\" every time he drives past the closed plant on his way home.",
        &[want("it makes me angry\" every time he drives past", Indirect).speaker("David Miller")],
        &[],
    );
}

#[test]
fn regression_typewriter_double_quotes() {
    // Archive text writes a double quotation mark as two apostrophes.
    check(
        "''It has the virtue of being fiscally responsible,'' Leonard Burke said.",
        &[want("It has the virtue of being fiscally responsible,", Direct).speaker("Leonard Burke")],
        &[],
    );
}

#[test]
fn regression_dash_byline_after_a_quote() {
    check(
        "“We deserve better from our leaders.” ― Carla Ruiz\n“Vote them all out.” ― Dan Porter",
        &[
            want("We deserve better", Direct).speaker("Carla Ruiz").cue("―"),
            want("Vote them all out.", Direct).speaker("Dan Porter"),
        ],
        &[],
    );
}

#[test]
fn regression_transcript_turns_are_separate_quotations() {
    let text =
        "The exchange went as follows:\n\n\"HOST: Will you run again?\n\n\"HOLT: I have not decided.\n\n\
                \"HOST: When will you decide?\"";
    check(
        text,
        &[
            want("Will you run again?", Direct).speaker("HOST").cue(":"),
            want("I have not decided.", Direct).speaker("HOLT").parts(1),
        ],
        &[],
    );
}

#[test]
fn regression_infinitive_cue_does_not_steal_the_quotation() {
    // "to continue" (a speech verb in the lexicon) had no speaker and hid "said".
    check(
        "The ministry said that Moscow hoped to continue helping the city \"fight the threats of terrorism \
         and drug trafficking.\"",
        &[want("fight the threats", Mixed).speaker("The ministry").cue("said")],
        &[],
    );
}

// ---------------------------------------------------------------------------------
// The reference article (beside the repository in CI; skipped when absent)

#[test]
fn reference_article_russia_recognizes_taliban() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/russia-recognizes-taliban.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let text = text.as_str();
    let a = Extractor::new().extract(text);
    let quote = |needle: &str| {
        a.quotes
            .iter()
            .find(|q| joined(text, q).contains(needle))
            .unwrap_or_else(|| panic!("no quotation contains {needle:?}; found:\n{}", describe(text, &a)))
    };
    let entity = |q: &Quote| a.speaker_of(q).map(|e| e.name.clone()).unwrap_or_default();
    let spoken = |needle: &str, who: &str| {
        let q = quote(needle);
        assert_ne!(q.kind, Unattributed, "{needle:?}");
        assert!(q.speaker.is_some(), "{needle:?} has a speaker");
        assert_eq!(entity(q), who, "speaker of {needle:?}; found:\n{}", describe(text, &a));
        q
    };

    // Broken across a stray blank line: one quotation.
    let q = spoken("This brave decision will be an example", "Amir Khan Muttaqi");
    assert!(joined(text, q).contains("started, Russia was ahead of everyone"));
    spoken("Russia is the first country which has officially recognized", "Zia Ahmad Takal");
    spoken("a new phase of positive relations", "Amir Khan Muttaqi");

    let believe =
        spoken("We believe that the act of official recognition", &entity(quote("We believe that")));
    assert_eq!(believe.speaker.map(|s| s.text(text)), Some("Russia's Foreign Ministry"));
    let ministry = a.speaker_of(believe).expect("resolved");
    assert!(ministry.name.contains("Foreign Ministry"), "{}", ministry.name);
    let said = spoken("reinforce regional security", &ministry.name);
    assert_eq!(said.speaker.map(|s| s.text(text)), Some("The ministry"));
    assert_eq!(said.speaker_entity, believe.speaker_entity, "the same ministry");

    spoken("allies in the fight against terrorism", "Vladimir Putin");
    let q = spoken("legitimizes a regime that bans girls", "Mariam Solaimankhil");
    assert!(joined(text, q).contains("strategic interests will always outweigh"), "the follow-up paragraph");
    let q = spoken("will not bring peace it will legitimize impunity", "Fawzia Koofi");
    assert!(joined(text, q).contains("risk endangering not just the people of Afghanistan"));

    for term in ["terrorist organizations", "Allies"] {
        for q in a.quotes.iter().filter(|q| joined(text, q).contains(term)) {
            assert!(q.kind == Unattributed && q.speaker.is_none(), "{term:?}:\n{}", describe(text, &a));
        }
    }
}

// ---------------------------------------------------------------------------------
// Properties

fn quotey() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("‘".to_string()),
        Just("''".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(" said ".to_string()),
        Just(" told ".to_string()),
        Just(" according to ".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(". ".to_string()),
        Just(" ― ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(" he ".to_string()),
        Just("Maria Lopez".to_string()),
        Just("the ministry".to_string()),
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,8}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn check_quotes(text: &str) {
    let a = Extractor::new().extract(text);
    let mut last_start = 0;
    for q in &a.quotes {
        assert!(q.span.start >= last_start, "quotations in text order");
        last_start = q.span.start;
        assert!(!q.content.is_empty(), "every quotation has content");
        let mut prev_end = 0;
        for part in &q.content {
            assert!(part.start < part.end && part.end <= text.len());
            assert!(part.start >= prev_end, "parts in order, not overlapping");
            prev_end = part.end;
            assert!(q.span.start <= part.start && part.end <= q.span.end, "parts inside the span");
        }
        for s in q.content.iter().chain(q.speaker.iter()).chain(q.cue.iter()).chain([&q.span]) {
            assert!(s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        if let Some(e) = q.speaker_entity {
            assert!(e < a.entities.len());
        }
        if q.kind == Unattributed {
            assert!(q.speaker.is_none() && q.cue.is_none());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn quotations_are_well_formed_on_quote_heavy_text(text in quotey()) {
        check_quotes(&text);
    }

    #[test]
    fn quotations_are_well_formed_on_any_text(text in "\\PC{0,300}") {
        check_quotes(&text);
    }
}

#[test]
fn long_text_without_punctuation_stays_fast() {
    // Every search is bounded: a long sentence full of marks and cues must not take
    // quadratic time.
    let unit = "\"word word said\" he said according to Maria Lopez \"and ";
    let text = unit.repeat(4000);
    let start = std::time::Instant::now();
    check_quotes(&text);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
