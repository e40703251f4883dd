//! Print the entities and quotations of a text file.
//!
//! ```sh
//! cargo run --example who_said_what -- ../shared/samples/russia-recognizes-taliban.txt
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: who_said_what FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let analysis = gazette::Extractor::new().extract(&text);
    for entity in &analysis.entities {
        let mentions: Vec<&str> =
            entity.mentions.iter().map(|&m| analysis.mentions[m].span.text(&text)).collect();
        println!("{:<13} {:<28} {:?}", entity.kind, entity.name, mentions);
    }
    for quote in &analysis.quotes {
        let speaker = analysis.speaker_of(quote).map_or("?", |e| e.name.as_str());
        let content: Vec<&str> = quote.content.iter().map(|s| s.text(&text)).collect();
        println!("{:<13} {:<28} {:?}", quote.kind.as_str(), speaker, content.join(" … "));
    }
    Ok(())
}
