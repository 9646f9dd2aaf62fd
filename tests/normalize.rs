//! Corpus normalisation end to end on the embedded default gazetteer: the
//! mission's examples in running text, the false-positive policy, document
//! context, offsets, determinism across thread counts, and every kind of
//! bad input through the `nomina normalize` binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nomina::{How, Mention, Resolver};

fn default() -> Resolver {
    Resolver::embedded().expect("the embedded gazetteer opens")
}

fn eval_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/eval/huffpost-mentions.jsonl")
}

fn nomina(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nomina"))
        .args(args)
        .env_remove("NOMINA_GAZETTEER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the nomina binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("nomina finishes");
    writer.join().expect("stdin writer");
    out
}

/// (mention text, canonical name, how) of each mention.
fn links(g: &Resolver, text: &str) -> Vec<(String, String, How)> {
    g.annotate(text).into_iter().map(|m| (m.text, m.name, m.how)).collect()
}

/// (mention text, entity id) of each mention.
fn link_ids(g: &Resolver, text: &str) -> Vec<(String, String)> {
    g.annotate(text).into_iter().map(|m| (m.text, m.id)).collect()
}

/// Whether `got` (from [`links`]) holds the mention `text` linked to the
/// entity whose canonical name is `name`.
fn has_link(got: &[(String, String, How)], text: &str, name: &str) -> bool {
    got.iter().any(|l| l.0 == text && l.1 == name)
}

/// Whether no link of `got` (from [`links`]) is to an entity whose
/// canonical name is one of `names`.
fn links_none(got: &[(String, String, How)], names: &[&str]) -> bool {
    got.iter().all(|l| !names.contains(&l.1.as_str()))
}

/// (mention text, canonical name) of the mentions `keep` accepts.
fn links_where(
    g: &Resolver,
    text: &str,
    keep: impl Fn(&Mention) -> bool,
) -> Vec<(String, String)> {
    g.annotate(text)
        .into_iter()
        .filter(|m| keep(m))
        .map(|m| (m.text, m.name))
        .collect()
}

/// A gazetteer compiled from JSONL `rows`, opened (with the directory
/// that holds it).
fn gazetteer_of(rows: &str) -> (tempfile::TempDir, Resolver) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("labels.jsonl");
    std::fs::write(&source, rows).unwrap();
    let art = dir.path().join("labels.nom");
    nomina::GazetteerBuilder::new().build(&[&source], &art).unwrap();
    let g = Resolver::open(&art).unwrap();
    (dir, g)
}

#[test]
fn mission_examples_in_running_text() {
    let g = default();
    let text = "Britney Greiner was freed in exchange for Victor Bout, the arms \
                dealer. Secretary of State Anthony Blinken thanked Serguei Lavrov’s \
                team; later Blinken said the player Greiner was home. The list \
                names LAVROV, Sergei Viktorovich.";
    let got = links(&g, text);
    let want = [
        ("Britney Greiner", "Brittney Griner", How::Fuzzy),
        ("Victor Bout", "Viktor Bout", How::Fuzzy),
        ("Anthony Blinken", "Antony Blinken", How::Fuzzy),
        ("Serguei Lavrov", "Sergey Lavrov", How::Fuzzy),
        ("Blinken", "Antony Blinken", How::Context),
        ("Greiner", "Brittney Griner", How::Context),
        (
            "LAVROV, Sergei Viktorovich",
            "LAVROV, Sergei Viktorovich",
            How::Exact,
        ),
    ];
    let want: Vec<(String, String, How)> = want
        .iter()
        .map(|(a, b, h)| (a.to_string(), b.to_string(), *h))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn ordinary_words_and_short_words_are_not_names() {
    let g = default();
    // "US" in capitals is the United States; "us", "Us", "may", "turkey"
    // and "bout" in lower case, and short capitalised words, are not.
    let text =
        "Us and us may eat turkey after the bout. Of Man. The US said so.";
    let got = links(&g, text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "US");
    assert_eq!(got[0].1, "United States");
}

#[test]
fn shared_surname_is_ambiguous_and_not_linked() {
    let g = default();
    // Two persons of the document are called Biden: "Biden" alone names
    // neither. With only Joe Biden named, it links to him.
    let one = links(&g, "Joe Biden spoke. Later Biden left.");
    assert!(
        one.iter().any(|l| l.0 == "Biden" && l.1 == "Joe Biden"),
        "{one:?}"
    );
    let two = links(&g, "Joe Biden and Hunter Biden spoke. Later Biden left.");
    assert!(!two.iter().any(|l| l.0 == "Biden"), "{two:?}");
}

#[test]
fn family_name_of_an_unknown_person_is_that_person() {
    let g = default();
    // The gazetteer does not know Michael Howard; later "Howard" is him,
    // not Howard, Wisconsin. Without him in the text it is the town.
    let text = "Tory leader Michael Howard spoke in Leeds. Howard said taxes would fall.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Leeds"), "{got:?}");
    assert!(!got.iter().any(|l| l.0 == "Howard"), "{got:?}");
    let town = links(&g, "Taxes in Howard and Leeds would fall.");
    assert!(town.iter().any(|l| l.0 == "Howard"), "{town:?}");
    // A run led by a place name reads as no person: "Olympic" stays the
    // place GeoNames lists (a town of Hong Kong, written as a place).
    let club = links(
        &g,
        "Fans of Sydney Olympic met in Leeds. Most of them live in Olympic.",
    );
    assert!(club.iter().any(|l| l.0 == "Olympic"), "{club:?}");
    // A given name with no other spelling in the lexicon ("Marlon") starts
    // a person's name too: "Brando" is then the actor, not the alias
    // Brando of Brandon, Florida (bbc-entertainment-056).
    let text = "Late film star Marlon Brando is said to have repeatedly \
                turned down his Oscar-winning role in The Godfather. Every \
                time she went to see Brando from then on, she added, he was \
                wearing a different gangster-style moustache.";
    let actor = links(&g, text);
    assert!(links_none(&actor, &["Brandon"]), "{actor:?}");
    let town = links(&g, "Storms hit Tampa and Brando on Sunday.");
    assert!(town.iter().any(|l| l.1 == "Brandon"), "{town:?}");
    // A given name that a town under a million people has ("Elizabeth",
    // New Jersey) still starts a person's name (HuffPost hp-005748, in
    // neither half; blind sample 11).
    let text = "Warren Announces Progressive Congresswomen As Campaign \
                Co-Chairs\n\nReps. Ayanna Pressley, Deb Haaland and Katie \
                Porter will serve on Elizabeth Warren's presidential \
                campaign.";
    let got = links(&g, text);
    assert!(links_none(&got, &["Warren"]), "{got:?}");
    // A town's name and its state's are no person's names, though the
    // town's name is a given name: the state alone stays the state.
    let text = "Flooding hit Austin Texas on Sunday. Texas officials said \
                roads were shut.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "Texas"), "{got:?}");
}

#[test]
fn persons_names_are_not_misspelt_places() {
    let g = default();
    // BBC text: a home secretary is not Lake Charles, a rugby player not
    // Saint Matthews. Nor are initialled names in a team sheet Cueto and
    // Berkeley. ("West Brom", the club, is no longer West Bromwich: see
    // `regression_a_place_needs_one_word_as_written`.)
    let text = "Charles Clarke met Mathew Tait. West Brom lost. \
                M Cueto and O Barkley played.";
    let got = links(&g, text);
    for person in ["Charles Clarke", "Mathew Tait", "M Cueto", "O Barkley"] {
        assert!(!got.iter().any(|l| l.0 == person), "{person}: {got:?}");
    }
}

#[test]
fn a_capitalised_title_is_followed_by_a_person_or_nothing() {
    let g = default();
    // After "Mr" and "President" the towns Campbell and Bush are not
    // meant: Bush is the one person of the gazetteer with that family
    // name, Campbell none of its persons alone. "major" in lower case is
    // an ordinary word, not a title.
    let text =
        "Mr Campbell met President Bush. A major UK broadcaster agreed.";
    let got = links(&g, text);
    assert!(!got.iter().any(|l| l.0 == "Campbell"), "{got:?}");
    assert!(has_link(&got, "Bush", "George W. Bush"), "{got:?}");
    assert!(got.iter().any(|l| l.0 == "UK"), "{got:?}");
}

#[test]
fn a_persons_one_word_alias_needs_the_person_named() {
    let g = default();
    // OFAC lists "Spaniard" and "ROBSON" as aliases of two men; in sports
    // text the words mean someone else.
    let got = links(&g, "The Spaniard scored. Robson saved twice.");
    assert!(
        !got.iter().any(|l| l.0 == "Spaniard" || l.0 == "Robson"),
        "{got:?}"
    );
    // So is one word after an article: OFAC's "EL CAPITAN" (HuffPost:
    // the rock in Yosemite).
    let got = links(
        &g,
        "Two Climbers Killed In Fall From Yosemite's El Capitan\n\nThe \
         deaths come almost two weeks after another fatal accident in \
         Yosemite.",
    );
    assert!(!got.iter().any(|l| l.0 == "El Capitan"), "{got:?}");
    // An alias listed "FAMILY, Given" read in that order: OFAC's
    // "MOHAMMED, Ali" of KONY, Ali is no "Mohammed Ali" (BBC: Jonah Lomu
    // on the boxer).
    let got = links(
        &g,
        "\"Mohammed Ali has always been my ideal. Coming back to rugby, \
         people said 'you are mad'.\"",
    );
    assert!(!got.iter().any(|l| l.0 == "Mohammed Ali"), "{got:?}");
    // Beside the full name, the alias links.
    let text =
        "Ruben Tatulian was charged. Robson, as he is known, denied it.";
    let got = links(&g, text);
    assert!(
        has_link(&got, "Robson", "TATULIAN, Ruben Albertovich"),
        "{got:?}"
    );
    // A canonical name so written is left alone: OFAC's "KIM, Jong Un".
    let (_dir, g) = gazetteer_of(
        r#"{"id": "k", "name": "KIM, Jong Un", "type": "person", "aliases": ["KIM, Jong-un"]}"#,
    );
    let got = links(&g, "Kim Jong Un met the envoy on Tuesday.");
    assert_eq!(
        got,
        [("Kim Jong Un".into(), "KIM, Jong Un".into(), How::Exact)]
    );
}

#[test]
fn a_given_name_alone_is_no_small_town() {
    let g = default();
    // David is also a town of 82,907 people in Panama; Florence, Italy, is
    // a city. Asia is the continent, not GeoNames' town of 23,546 people
    // in the Philippines.
    let got =
        links(&g, "BMW sold more in Asia. David agreed. Florence was calm.");
    assert!(!got.iter().any(|l| l.0 == "David"), "{got:?}");
    assert!(got.iter().any(|l| l.0 == "Florence"), "{got:?}");
    let asia = g.annotate("BMW sold more in Asia.");
    assert_eq!(asia.len(), 1, "{asia:?}");
    assert_eq!(asia[0].id, "geonames-6255147", "the continent");
}

#[test]
fn defined_acronyms_carry_over() {
    let g = default();
    let text = "Leaders of the Shanghai Cooperation Organization (SCO) met. The SCO agreed.";
    let got = links(&g, text);
    let sco: Vec<_> = got.iter().filter(|l| l.0 == "SCO").collect();
    assert_eq!(sco.len(), 2, "{got:?}");
    assert!(sco.iter().all(|l| l.2 == How::Acronym && l.1 == got[0].1));
}

#[test]
fn offsets_always_equal_the_mention_text() {
    let g = default();
    let mut texts: Vec<String> = nomina::eval::read_gold(&eval_set())
        .expect("the eval set reads")
        .into_iter()
        .map(|d| d.text)
        .collect();
    // Text that stresses offsets: combining marks, curly quotes, other
    // scripts, line breaks inside names, possessives.
    texts.push(
        "Zoë met «Москва» officials in São Paulo’s centre, then Sergei\nLavrov's \
         aide in 東京 and the U.K.; e\u{301}te\u{301} Paris—London."
            .into(),
    );
    for text in &texts {
        let mut last_end = 0;
        for m in g.annotate(text) {
            assert_eq!(&text[m.start..m.end], m.text, "{text:?}");
            assert!(m.start >= last_end, "mentions overlap or are unsorted");
            last_end = m.end;
        }
    }
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let eval = eval_set();
    let path = eval.to_str().expect("UTF-8 path");
    let run = |threads: &str| {
        let out = nomina(
            &[
                "--threads",
                threads,
                "normalize",
                "-q",
                "--format",
                "jsonl",
                path,
            ],
            b"",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 30);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn bad_documents_are_reported_with_line_and_the_run_goes_on() {
    let mut input: Vec<u8> = Vec::new();
    input.extend(b"{\"id\": \"a\", \"text\": \"Joe Biden in Paris.\"}\n");
    input.extend(b"not json\n");
    input.extend(b"{\"id\": \"c\", \"body\": \"no text field\"}\n");
    input.extend(b"{\"id\": \"d\", \"text\": \"bad \xff utf-8\"}\n");
    input.extend(b"{\"id\": \"e\", \"text\": 42}\n");
    input.extend(b"{\"id\": \"f\", \"text\": \"x\", \"text\": \"y\"}\n");
    input.extend(b"[1, 2]\n");
    input.extend(b"{\"id\": \"h\", \"text\": \"Sergei Lavrov in Moscow.\"}\n");
    let out = nomina(&["normalize", "--format", "jsonl"], &input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in 2..=7 {
        assert!(
            stderr.contains(&format!("-:{line}: ")),
            "line {line}: {stderr}"
        );
    }
    assert!(stderr.contains("6 errors"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<&str> = stdout
        .lines()
        .map(|l| if l.starts_with("{\"id\":\"a\"") { "a" } else { "h" })
        .collect();
    assert_eq!(ids, ["a", "h"], "{stdout}");
    assert!(stdout.contains("\"name\":\"Sergey Lavrov\""), "{stdout}");
}

#[test]
fn text_files_folders_and_replace() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(
        dir.path().join("b.txt"),
        "Victor Bout met Anthony Blinken.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("sub/a.txt"), "Nothing here.\n")
        .expect("write");
    std::fs::write(dir.path().join("bad.txt"), b"caf\xe9\n").expect("write");
    let d = dir.path().to_str().expect("UTF-8 path");
    let out = nomina(&["normalize", "--output", "replace", d], b"");
    assert_eq!(out.status.code(), Some(1), "the non-UTF-8 file is an error");
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("bad.txt:1: invalid UTF-8"));
    // Files in name order: bad.txt (error), b.txt, sub/a.txt.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Viktor Bout met Antony Blinken.\nNothing here.\n"
    );
    // An input that cannot be opened is an error; the others are read.
    let missing = dir.path().join("missing.txt");
    let b = dir.path().join("b.txt");
    let out = nomina(
        &[
            "normalize",
            "-q",
            missing.to_str().expect("UTF-8"),
            b.to_str().expect("UTF-8"),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("\"name\":\"Viktor Bout\""));
    // JSONL replace keeps the other fields, in order.
    let out = nomina(
        &["normalize", "--format", "jsonl", "--output", "replace", "-"],
        "{\"z\": 1, \"text\": \"Victor Bout\", \"id\": \"x\"}\n".as_bytes(),
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"z\":1,\"text\":\"Viktor Bout\",\"id\":\"x\"}\n"
    );
}

#[test]
fn mention_eval_reads_the_truth_set_and_rejects_bad_spans() {
    let docs = nomina::eval::read_gold(&eval_set()).expect("reads");
    assert_eq!(docs.len(), 30);
    assert!(docs.iter().map(|d| d.mentions.len()).sum::<usize>() >= 50);
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"x\",\"text\":\"é\",\"mentions\":[{\"start\":0,\"end\":1,\"id\":\"q\"}]}\n")
        .expect("write");
    let err =
        nomina::eval::read_gold(&bad).expect_err("a span inside a character");
    assert!(err.to_string().contains(":1:"), "{err}");
    let out = nomina(&["eval", eval_set().to_str().expect("UTF-8")], b"");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("strict  precision"));
}

/// Runs `inputs` through the library runner with `chunk_bytes` per chunk
/// in a pool of `threads`: (output, error lines).
fn run_chunked(
    g: &Resolver,
    inputs: &[PathBuf],
    chunk_bytes: usize,
    threads: usize,
) -> (Vec<u8>, Vec<String>) {
    use nomina::corpus::{Config, InputFormat, Runner};
    let config = Config {
        format: InputFormat::Jsonl,
        chunk_bytes,
        ..Config::default()
    };
    let runner = Runner::new(g, config);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    let summary = pool
        .install(|| {
            runner.run(
                inputs,
                &mut out,
                &mut |e| errors.push(e.to_string()),
                &mut |_| {},
            )
        })
        .expect("the run finishes");
    assert_eq!(summary.errors as usize, errors.len());
    (out, errors)
}

#[test]
fn many_small_chunks_keep_input_order_and_every_error() {
    // The 30 annotated documents with bad lines between them, and a
    // missing input in the middle: with chunks of 2 KiB the documents
    // pass through the read / annotate / write pipeline in many chunks.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = std::fs::read_to_string(eval_set()).expect("the eval set");
    let mut mixed = String::new();
    for (n, line) in good.lines().enumerate() {
        mixed.push_str(line);
        mixed.push('\n');
        if n % 7 == 3 {
            mixed.push_str("{\"id\": \"broken\"\n");
        }
    }
    let a = dir.path().join("a.jsonl");
    std::fs::write(&a, &mixed).expect("write a.jsonl");
    let inputs = [a.clone(), dir.path().join("missing.jsonl"), a];
    let g = default();
    let (whole, whole_errors) = run_chunked(&g, &inputs, usize::MAX, 1);
    assert_eq!(String::from_utf8_lossy(&whole).lines().count(), 60);
    // 4 broken lines per copy (after lines 4, 11, 18 and 25 of the set,
    // so at lines 5, 13, 21 and 29 of the file), and the missing input
    // between the copies, in input order.
    assert_eq!(whole_errors.len(), 9, "{whole_errors:?}");
    assert!(whole_errors[4].contains("missing.jsonl: cannot open"));
    for (k, line) in [5, 13, 21, 29].into_iter().enumerate() {
        for e in [&whole_errors[k], &whole_errors[k + 5]] {
            assert!(
                e.contains(&format!("a.jsonl:{line}: not a JSON object")),
                "{e}"
            );
        }
    }
    for threads in [1, 3] {
        let (out, errors) = run_chunked(&g, &inputs, 2048, threads);
        assert!(out == whole, "output differs with {threads} threads");
        assert_eq!(errors, whole_errors, "errors with {threads} threads");
    }
}

/// Wrong links found by annotating the BBC and HuffPost samples with the
/// default gazetteer, each from a real sentence or headline of theirs.
#[test]
fn regression_wrong_links_on_news() {
    let g = default();
    let text = "Hurricane Maria devastated Puerto Rico. The TV show aired in the \
                US and the UK. S Williams scored twice for Wales. They walked in \
                Central Park. Flights to Hong Kong and Singapore resumed. Oscar \
                said Taylor agreed.\n\
                Democrats Nominate Seth Magaziner In Key Rhode Island House Race\n";
    // "Wales" is the national side here, which the gazetteer lacks: it
    // links to the nation, a known wrong link (the mention set counts it
    // so), and is left out of what this test checks.
    let got: Vec<(String, String)> = g
        .annotate(text)
        .into_iter()
        .filter(|m| m.text != "Wales")
        .map(|m| (m.text, m.id))
        .collect();
    let texts: Vec<&str> = got.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        texts,
        ["Puerto Rico", "US", "UK", "Hong Kong", "Singapore", "Rhode Island"]
    );
    // The territory (3.2 million people), not the Argentine town whose
    // GeoNames alternates are transliterations of "Puerto Rico".
    assert_eq!(got[0].1, "geonames-4566966");
    // "US" and "UK" spell the initials of the countries' names; "TV" is
    // only Tuvalu's ISO code and is no alias.
    assert_eq!(got[1].1, "geonames-6252001");
    assert_eq!(got[2].1, "geonames-2635167");
    // Territory and city share the name at about the same population: the
    // text means the country, as the mention set's guideline says (the
    // gazetteer's `kind` fields tell which is which).
    for (text, id) in &got[3..5] {
        let e = g.get(id).expect("linked entity");
        assert_eq!(e.name, text.as_str());
        assert_eq!(e.scope(), 2, "{text}: {id} is not the country");
    }
    // "Rhode Island" is the state (the default gazetteer's first-order
    // divisions of the United States).
    assert_eq!(got[5].1, "geonames-5224323");
    // Not linked: "Maria" and "Oscar" (given names alone, not the vessel
    // MARIA or a sanctioned man's nickname), "S Williams" (an initial does
    // not stand for "Stadt" in Albany's old name "William Stadt"), "Central
    // Park" (an old name of Bethpage, under 100,000 people), "Taylor" (only
    // small towns have the name).
    assert!(g.resolve("S Williams").is_empty());
    // An initial still stands for a given name in persons' names: the best
    // candidate (whether the fitted model accepts it or not).
    assert_eq!(
        g.resolve_with("S. Lavrov", 1, 0.0)[0].id,
        "news-sergey-lavrov"
    );
    assert_eq!(g.resolve_top("Puerto Rico", 1)[0].id, "geonames-4566966");
}

/// Wrong links of the BBC/HuffPost sample removed by the 2026-12-06
/// scoring round (a four-letter spelling two edits away, the text
/// threshold), each in its real sentence; none is a gazetteer entity.
#[test]
fn regression_guessed_runs_need_strong_evidence() {
    let g = default();
    let sentences = [
        // Not the Cambodian province Svay Rieng.
        "To illustrate their point, the AFI cited ABC affiliates refusal to \
         air Steven Spielberg's film Saving Private Ryan in an unedited form \
         over fears of possible fines.",
        // Not the sanctioned LOUIE, Daniel Maurice.
        "Actor Daniel Day-Lewis is to be presented with an award for his \
         career in film at the Berlin Film Festival.",
        // Not the sanctioned GARCIA CARNEIRO, Jorge Luis.
        "And despite Chelsea's possession, it was Liverpool who fashioned \
         the next clear opportunity as Luis Garcia fed Dietmar Hamann whose \
         shot forced a superb save from Cech.",
        // A title, not the city.
        "The portrait of Kate Middleton and Prince William's eldest was \
         taken by the Duchess of Cambridge herself.",
    ];
    // Exact links (Liverpool) are not what this is about.
    for text in sentences {
        let wrong: Vec<(String, String)> = g
            .annotate(text)
            .into_iter()
            .filter(|m| m.how != How::Exact)
            .map(|m| (m.text, m.name))
            .collect();
        assert!(wrong.is_empty(), "{text:?}: {wrong:?}");
    }
}

/// A document that names a place as a team or club is a report of sport,
/// however few its words of sport, and means teams by its places' names
/// alone. It names one so by a sentence that starts with the name and a
/// verb in the plural ("Blackburn have rejected"), the name and a club's
/// word ("Sunderland FC"), the name, a role in a team and its holder
/// ("Tottenham manager Jacques Santini"), or the name and a word only a
/// team has ("the England captain"). A name is still the place where
/// written as one ("near Paris").
#[test]
fn a_place_named_as_a_team_is_the_team_in_that_document() {
    let g = default();
    let places = |text: &str| -> Vec<String> {
        links_where(&g, text, |m| m.kind == "location")
            .into_iter()
            .map(|p| p.0)
            .collect()
    };
    // Real BBC transfer and business stories, too few words of sport to be
    // sports reports.
    let blackburn = "Blackburn have said all along that they want pounds \
                     6m for the midfielder and Williams has rejected \
                     proposals from Rangers over a player-swap deal.";
    assert_eq!(places(blackburn), Vec::<String>::new());
    let sunderland = "Bob Murray, chairman of Sunderland FC, has launched a \
                      pounds 1.5m (dollars 2.8m) bid for the club after \
                      buying broadcaster BSkyB's stake in the business.\n\n\
                      Mr Murray is already Sunderland's leading \
                      shareholder, holding a 37.6% stake. Sunderland \
                      delisted its shares from the stock market in August.";
    assert_eq!(places(sunderland), Vec::<String>::new());
    // A document that names one place as a team is a report of sport:
    // its other places are teams too, unless written as places (BBC).
    let italy = "Italy skipper Marco Bortolami believes Saturday's Six \
                 Nations contest against Scotland will be a scrappy \
                 encounter. \"Scotland played extremely well against \
                 France in Paris but not so well when Ireland came to \
                 Edinburgh,\" said Bortolami.";
    let got = places(italy);
    assert!(got.contains(&"Paris".to_string()), "{got:?}");
    for team in ["Italy", "Scotland", "France", "Ireland"] {
        assert!(!got.contains(&team.to_string()), "{team}: {got:?}");
    }
    // A team's role and its holder ("GB captain Jeremy Bates") make a
    // tennis story a report of sport; a place joined by "and" to one
    // after "in" is a place there (BBC, the story's first paragraphs).
    let tie = "A knee injury has forced Arvind Parmar out of Great \
               Britain's Davis Cup tie in Israel and left Alex Bogdanovic in \
               line to take the second singles place.\n\nParmar picked up \
               the injury last week and has failed to recover in time for \
               the Europe/Africa Zone I tie, which begins in Tel Aviv on \
               Friday. Bogdanovic looks set to take the second singles place \
               alongside Greg Rusedski. GB captain Jeremy Bates could use \
               17-year-old Andrew Murray and David Sherwood in the doubles \
               rubber. The 6ft 4in Sherwood is ranked 264th in the world and \
               the LTA have high hopes for him after Futures tournament wins \
               in Wrexham and Edinburgh.";
    let got = places(tie);
    for place in ["Israel", "Tel Aviv", "Wrexham", "Edinburgh"] {
        assert!(got.contains(&place.to_string()), "{place}: {got:?}");
    }
    assert!(!got.contains(&"Great Britain".to_string()), "{got:?}");
    // A word only a team has, in a story on computer viruses (BBC).
    assert_eq!(
        places(
            "Messages are circulating widely that purport to have \
                evidence of the England captain in a compromising \
                position."
        ),
        Vec::<String>::new()
    );
    // American positions are such words too (HuffPost).
    assert_eq!(
        places(
            "2 Chiefs Players Isolated On COVID-19 List After Barber Tests \
             Positive\n\nKansas City receiver Demarcus Robinson and center \
             Daniel Kilgore can't be with the team ahead of Sunday's Super \
             Bowl because they got haircuts."
        ),
        Vec::<String>::new()
    );
    // A role in the team and its holder (BBC).
    assert_eq!(
        places(
            "Tottenham manager Jacques Santini has resigned for \
                \"personal reasons\"."
        ),
        Vec::<String>::new()
    );
    // A country with its verb in the singular is the country (BBC).
    assert_eq!(
        places(
            "China has long been worried that net cafes are an \
                unhealthy influence on young people."
        ),
        ["China"]
    );
    // A score next to a place's name: a match report, however few its
    // words of sport (BBC). A range before a name and a word in lower
    // case is no score ("100-120 UK troops").
    let report = "Mansfield 0-1 Leyton Orient\n\nAn second-half goal from \
                  Andy Scott condemned Mansfield to a ninth successive game \
                  without a win.";
    assert_eq!(places(report), Vec::<String>::new());
    let troops = "A company of 100-120 UK troops is understood to have been \
                  put on standby.";
    assert_eq!(places(troops), ["UK"]);
    // A team sheet: a player's initial and family name, the team in
    // brackets (BBC); an author's country after a middle initial is none.
    let sheet = "L Dallaglio (England), B Cohen (England), A Rougerie \
                 (France), D Traille (France), P de Villiers (France).";
    assert_eq!(places(sheet), Vec::<String>::new());
    let authors = "Philip Roth (US) Muriel Spark (UK) Antonio Tabucchi \
                   (Italy) John Updike (US) Abraham B Yehoshua (Israel)";
    assert!(places(authors).contains(&"Israel".to_string()));
    // A sheet's entries after a list's comma count too; a capital at a
    // line's start before words in lower case is no initial.
    let sheet = "Replacements: B Cohen (England), A Rougerie (France), D \
                 Traille (France).";
    assert_eq!(places(sheet), Vec::<String>::new());
    let visit = "A visit to Cardiff (Wales) was planned. Wales is lovely.";
    assert_eq!(places(visit), ["Cardiff", "Wales", "Wales"]);
    // Nor is a range of dates after a place, or a poll's margin.
    let talks = "Trade talks open in Geneva 12-14 March. Germany and France \
                 will attend, and Russia sent envoys.";
    assert_eq!(places(talks), ["Geneva", "Germany", "France", "Russia"]);
    // In a sports report, a place after "near" (BBC).
    let report = "The French turned in a stuttering performance as they \
                  limped to a 16-9 win against Scotland in the opening \
                  match of the Six Nations on Saturday. \"We will go to \
                  Twickenham with a little fear and it'll give us a \
                  boost,\" said the French coach. Meanwhile, Perpignan \
                  centre Jean-Philippe Granclaude is delighted to have \
                  received his first call-up to the France squad. Laporte \
                  will announce his starting line-up on Wednesday at the \
                  French team's training centre in Marcoussis, near Paris.";
    let got = places(report);
    assert!(got.contains(&"Paris".to_string()), "{got:?}");
    assert!(!got.contains(&"Scotland".to_string()), "{got:?}");
}

/// Where a place's name is a team's, the gazetteer's team of that place
/// is linked: one whose name is the place's followed by a team's words and
/// its sport, the one sport the report names, or one the document names
/// in full. Real BBC reports; gazetteers with teams as Wikidata labels
/// them.
#[test]
fn a_place_named_as_a_team_links_its_team() {
    let (_dir, g) = gazetteer_of(
        "{\"id\": \"Q1\", \"name\": \"Italy national rugby union team\", \"type\": \"organization\"}\n\
         {\"id\": \"Q2\", \"name\": \"Italy national football team\", \"type\": \"organization\"}\n\
         {\"id\": \"Q3\", \"name\": \"Ireland national rugby union team\", \"type\": \"organization\"}\n\
         {\"id\": \"Q4\", \"name\": \"Ireland national rugby league team\", \"type\": \"organization\"}\n\
         {\"id\": \"Q5\", \"name\": \"Leicester City F.C.\", \"type\": \"organization\"}\n",
    );
    // A rugby report ("tries"): Italy is the rugby union team; Ireland has
    // two rugby teams here, and the report says neither "union" nor
    // "league" of it, so it is left alone.
    let report = "Italy 17-28 Ireland\n\nTwo moments of magic from Brian \
                  O'Driscoll guided Ireland to a workmanlike victory against \
                  Italy.\n\nA pair of classic outside breaks from the \
                  Ireland captain set up tries for Geordan Murphy and Peter \
                  Stringer. Italy led 9-8 early in the second half but \
                  Stringer's try gave Ireland a lead they never lost. The \
                  hosts cut the gap to 18-12 with 10 minutes left, but \
                  Denis Hickie's try ensured an Irish victory. Italy came \
                  flying out of the blocks and took the lead through a \
                  Luciano Orquera penalty after seven minutes.";
    let got = link_ids(&g, report);
    let italy: Vec<&str> =
        got.iter().filter(|l| l.0 == "Italy").map(|l| l.1.as_str()).collect();
    assert_eq!(italy, ["Q1", "Q1", "Q1", "Q1"], "{got:?}");
    assert!(got.iter().all(|l| l.0 != "Ireland"), "{got:?}");
    // A football club's letters say football: "Leicester" in a rugby
    // report is not Leicester City F.C.
    let rugby = "Wasps 31-37 Leicester\n\nLeicester withstood a stunning \
                 Wasps comeback to win a pulsating Heineken Cup encounter at \
                 the Causeway Stadium.\n\nThe Tigers stormed 22-6 ahead \
                 within 18 minutes through tries from Lewis Moody, Geordan \
                 Murphy and Martin Corry. European champions Wasps fought \
                 back through a Josh Lewsey try and Mark van Gisbergen's \
                 boot, and they were level at 31-31 with five minutes \
                 remaining. But it was the visitors who kept their cool as \
                 Andy Goode kicked the Tigers to victory with a penalty and \
                 a drop goal.";
    let got = link_ids(&g, rugby);
    assert!(got.iter().all(|l| l.1 != "Q5"), "{got:?}");
    // In a football report it is.
    let football = "Blackburn v Burnley\n\nEwood Park\n\nhome to \
                    Leicester in the quarter-finals\n\nBut defender Andy \
                    Todd is suspended and could be replaced by Dominic \
                    Matteo - if he recovers from a hamstring injury. Burnley \
                    have major injury concerns over Frank Sinclair and John \
                    McGreal. Burnley have failed to win in their last \
                    outings away from home, drawing 1-1 at Derby and losing \
                    1-0 at Preston. The combatants from one-time prosperous \
                    mill towns are both founder members of the Football \
                    League.";
    let got = link_ids(&g, football);
    assert!(got.contains(&("Leicester".into(), "Q5".into())), "{got:?}");
    // A place the gazetteer has, named as a team, is its team too; a
    // governing body's name that goes on from the place's is no team's
    // (BBC, a rugby squad of two hemispheres).
    let (_dir, g) = gazetteer_of(
        "{\"id\": \"Q38\", \"name\": \"Italy\", \"type\": \"location\"}\n\
         {\"id\": \"Q1\", \"name\": \"Italy national rugby union team\", \"type\": \"organization\"}\n\
         {\"id\": \"Q712\", \"name\": \"Fiji\", \"type\": \"location\"}\n\
         {\"id\": \"Q9\", \"name\": \"Fiji Rugby Union\", \"type\": \"organization\"}\n",
    );
    let squad = "Ireland's Brian O'Driscoll is one of four Six Nations \
                 captains included in the Northern Hemisphere squad for the \
                 IRB Rugby Aid match on 5 March.\n\nA Lo Cicero (Italy), M \
                 Bortolami (Italy), S Parisse (Italy), D Peel (Wales).\n\nC \
                 Latham (Australia); R Caucaunibuca (Fiji), T Umaga (New \
                 Zealand), S Bobo (Fiji).";
    let got = link_ids(&g, squad);
    let italy = got.iter().filter(|l| l.0 == "Italy").map(|l| l.1.as_str());
    assert_eq!(italy.collect::<Vec<_>>(), ["Q1", "Q1", "Q1"], "{got:?}");
    assert!(got.iter().all(|l| l.0 != "Fiji"), "{got:?}");
    // With the default gazetteer: the club the report names in full
    // ("BLACKBURN ROVERS") is what its town's name alone means there.
    let g = default();
    let preview = "Blackburn v Burnley\n\nEwood Park\n\n- Blackburn boss \
                   Mark Hughes: \"Burnley are resolute and have individual \
                   talent but I fully expect us to progress.\"\n\n- \
                   BLACKBURN ROVERS against Bolton is part two of an East \
                   Lancashire hotpot that resulted in a scrappy goalless \
                   draw. Rovers, who are aiming to win the Cup for a seventh \
                   time, face another replay against Championship opposition \
                   after disposing of Cardiff at Ewood Park in the third \
                   round.";
    let got = links(&g, preview);
    let blackburn: Vec<&str> = got
        .iter()
        .filter(|l| l.0.eq_ignore_ascii_case("Blackburn"))
        .map(|l| l.1.as_str())
        .collect();
    assert_eq!(blackburn, ["Blackburn Rovers", "Blackburn Rovers"], "{got:?}");
    // A country after a place so written and a comma is written as a
    // place too (a tennis report).
    let tennis = "Justine Henin-Hardenne lost to Elena Dementieva in a \
                  comeback exhibition match in Belgium on Sunday. \
                  Henin-Hardenne was speaking after a 6-2 5-7 6-2 loss to \
                  world number six Dementieva in Charleroi, Belgium, on \
                  Sunday. The previous day, the Olympic champion went down \
                  6-2 7-5 to France's Nathalie Dechy.";
    let belgium =
        links(&g, tennis).into_iter().filter(|l| l.0 == "Belgium").count();
    assert_eq!(belgium, 2);
    // So is a place after a journey's "back to", after "within", and
    // after "In" that starts a sentence (football reports).
    let places = |text: &str| -> Vec<String> {
        links_where(&g, text, |m| m.kind == "location")
            .into_iter()
            .map(|p| p.0)
            .collect()
    };
    let report = "Middlesbrough boss Steve McClaren hopes that Stewart \
                  Downing did not seriously damage his hamstring during the \
                  2-1 Uefa Cup win over Graz AK. The winger was carried off \
                  on a stretcher in the closing stages. \"In the second half \
                  we were better but it was frustrating because we got the \
                  goal.\" Goalscorer Jimmy Floyd Hasselbaink added: \"It was \
                  a little bit special to me. But so is going back to \
                  Portugal. The club are promoters of peace within Israel. \
                  In England you have a good phrase.\"";
    assert_eq!(places(report), ["Portugal", "Israel", "England"]);
}

/// Initials are written apart or joined, with stops or without: a name
/// listed "J. K. Rowling" is met as "JK Rowling", and "L.A." as "L. A.".
/// Real BBC and HuffPost sentences.
#[test]
fn initials_are_met_joined_or_apart() {
    let (_dir, g) = gazetteer_of(
        "{\"id\": \"Q34660\", \"name\": \"J. K. Rowling\", \"type\": \"person\"}\n",
    );
    let text = "Harry Potter author JK Rowling will receive a special award \
                for her contribution to the industry.";
    assert_eq!(link_ids(&g, text), [("JK Rowling".into(), "Q34660".into())]);
    let g = default();
    let got = links(
        &g,
        "L.A. Man Among 3 Killed In Lightning Strike Near White House\n\nA \
         29-year-old Los Angeles bank executive was one of three people \
         killed last week when lightning struck in a park across from the \
         White House.",
    );
    assert!(has_link(&got, "L.A.", "Los Angeles"), "{got:?}");
    // Letters joined by "&" are no initials: "M&S. A sudden spike" names
    // no "MSA".
    let got = links(
        &g,
        "His Paulsmeier Group was interested in M&S. A sudden spike in \
         M&S's share price followed.",
    );
    assert!(got.iter().all(|l| l.0 != "M&S. A"), "{got:?}");
    assert!(links_none(&got, &["MACHINE SAZI ARAK CO. LTD."]), "{got:?}");
}

/// Two aliases joined by "for" are two names, not one longer name the
/// gazetteer lacks ("Gays for Trump" is one: its first side is no
/// alias). Real BBC and HuffPost sentences.
#[test]
fn two_aliases_joined_by_for_are_two_names() {
    let g = default();
    let names = |text: &str| -> Vec<String> {
        links(&g, text).into_iter().map(|l| l.1).collect()
    };
    assert_eq!(
        names(
            "\"I do not believe that this will be a big election issue \
               in Britain for Labour,\" he told a Parliamentary lunch."
        ),
        ["United Kingdom", "Labour Party"]
    );
    assert_eq!(
        names(
            "Ueland, 28, and Louisa Vesterager Jespersen, 24, took off \
               Friday from Casablanca for Denmark."
        ),
        ["Casablanca", "Denmark"]
    );
    // Joined by "of", the sides are the words of one name.
    let bank = names(
        "Five Bank of America subsidiaries have agreed to pay a total of \
         dollars 515m (pounds 277m) to settle an investigation into \
         fraudulent trading share practices.",
    );
    assert!(!bank.contains(&"United States".to_string()), "{bank:?}");
}

/// A capitalised word that is no alias, right before a place's name, starts
/// a longer name: a club's ("Maccabi Tel Aviv") or a company's division's
/// ("Diageo North America"), not the place (real BBC sentences).
#[test]
fn an_unknown_word_before_a_place_starts_a_longer_name() {
    let g = default();
    let places = |text: &str| -> Vec<String> {
        links_where(&g, text, |m| m.kind == "location")
            .into_iter()
            .map(|p| p.0)
            .collect()
    };
    let got = places(
        "Iranian striker Vahid Hashemian will not travel to Israel for \
         Bayern Munich's Champions League match against Maccabi Tel Aviv \
         on Wednesday.",
    );
    assert!(!got.contains(&"Tel Aviv".to_string()), "{got:?}");
    assert_eq!(
        places(
            "\"The US wine market represents a growth opportunity for \
                Diageo, with favourable demographic and consumption \
                trends,\" said Diageo North America president Ivan \
                Menezes."
        ),
        ["US"]
    );
}

/// A place's name that completes a title of nobility is part of the
/// title, not the place (real BBC and HuffPost sentences); the same place
/// elsewhere is the place.
#[test]
fn a_place_in_a_title_of_nobility_is_no_mention() {
    let g = default();
    let places = |text: &str| -> Vec<(String, String)> {
        links_where(&g, text, |m| m.kind == "location")
    };
    let cornwall = places(
        "Mrs Parker Bowles will take the title HRH Duchess of Cornwall \
         after a civil ceremony to be held at Windsor Castle.",
    );
    assert!(!cornwall.iter().any(|p| p.0 == "Cornwall"), "{cornwall:?}");
    assert_eq!(
        places(
            "The film is set over a three-day period in the early 1990s \
                when the Princess of Wales realized her marriage to Prince \
                Charles was over."
        ),
        []
    );
    assert_eq!(
        places("The biggest decline was seen in Wales where prices fell."),
        [("Wales".to_string(), "Wales".to_string())]
    );
}

/// A news division is not its broadcaster: "BBC News" is the BBC's news
/// division, an entity of its own in the default gazetteer, as NBC News
/// and Sky News are (a blind sample judged every "BBC News" linked to the
/// BBC wrong). Real BBC sentence.
#[test]
fn a_news_division_is_not_its_broadcaster() {
    let g = default();
    let got = links_where(
        &g,
        "But Rover told BBC News that reports of job cuts were \
         \"speculation\". Michael Lamberty, a Lufthansa spokesman told \
         the BBC.",
        |m| m.kind == "organization",
    );
    assert_eq!(
        got,
        [
            ("BBC News".to_string(), "BBC News".to_string()),
            ("BBC".to_string(), "BBC".to_string())
        ]
    );
}

/// A US state whose name is only an alternate name of a city in GeoNames
/// ("Oklahoma" for Oklahoma City) is in the default gazetteer, and prose
/// naming it names the state; a global city keeps the name it shares
/// ("New York").
#[test]
fn a_state_named_like_its_city_is_the_state() {
    let g = default();
    // Real HuffPost headline and sentence.
    let text = "Mauree Turner Wins, Will Be First Muslim Lawmaker In \
                Oklahoma\n\nTurner, a 27-year-old Black, queer, progressive \
                newcomer, just made history in Oklahoma.";
    let places = links_where(&g, text, |m| m.kind == "location");
    assert_eq!(places.len(), 2, "{places:?}");
    for p in &places {
        assert_eq!((p.0.as_str(), p.1.as_str()), ("Oklahoma", "Oklahoma"));
    }
    let city = links_where(
        &g,
        "\"He's taking a longer-term view,\" said Robert Sinche, head of \
         currency strategy at Bank of America in New York.",
        |m| m.kind == "location",
    );
    assert_eq!(city, [("New York".into(), "New York City".into())]);
}

/// A small place named by one word is no link by itself: the word is a
/// person, a company or an adjective more often than the town. It stays
/// linked where the document writes it as a place: after "in", followed
/// by its state or country, or in a story that names its state.
#[test]
fn a_small_place_alone_needs_to_be_written_as_a_place() {
    let g = default();
    let places = |text: &str| -> Vec<(String, String)> {
        links_where(&g, text, |m| m.kind == "location")
    };
    // Real sentences (BBC, HuffPost): Nokia, Finland (33,000 people);
    // Olympic, Hong Kong; University, Florida, in a story on Michigan.
    for (text, word) in [
        (
            "Research by handset maker Nokia shows that more and more \
             people are using their mobile phone for every call they make \
             or take.",
            "Nokia",
        ),
        (
            "The Olympic gymnast's 24-year-old brother Tevin Biles-Thomas \
             was charged.",
            "Olympic",
        ),
        (
            "University Football Coach In Michigan Who Called Him A Liar \
             Is Fired",
            "University",
        ),
    ] {
        let got = places(text);
        assert!(!got.iter().any(|p| p.0 == word), "{text:?}: {got:?}");
    }
    // Neither an adjective after "in", nor a possessive.
    for text in [
        "It continued to impact in Olympic year.",
        "The fall in Nokia's profits surprised nobody.",
    ] {
        assert_eq!(places(text), [], "{text:?}");
    }
    // Written as a place is, or beside its state.
    let gateshead = "Five public sector unions will hold private talks \
                     with Deputy Prime Minister John Prescott at Labour's \
                     spring conference in Gateshead.";
    assert_eq!(places(gateshead), [("Gateshead".into(), "Gateshead".into())]);
    let uvalde = "\"As divided as our country is, this gun responsibility \
                  issue is one that we agree on more than we don't,\" said \
                  the actor, who hails from Uvalde, Texas.";
    assert_eq!(
        places(uvalde),
        [("Uvalde".into(), "Uvalde".into()), ("Texas".into(), "Texas".into())]
    );
    // Beside the city the gazetteer has for a state it lacks (New York
    // City for the state), or in a story that names its state (these two
    // sentences are made up).
    assert_eq!(
        places("Ithaca, New York, is a college town."),
        [
            ("Ithaca".into(), "Ithaca".into()),
            ("New York".into(), "New York City".into())
        ]
    );
    assert_eq!(
        places("The shooting shocked Texas. Uvalde residents mourned."),
        [("Texas".into(), "Texas".into()), ("Uvalde".into(), "Uvalde".into())]
    );
    // Naming the country elsewhere is no such evidence: most US stories
    // name the US (Union, New Jersey).
    assert_eq!(
        places("The Union said the US would act."),
        [("US".into(), "United States".into())]
    );
}

/// A city's one-word alias that is not its name spelt otherwise is a
/// historical or foreign name that English text uses for something else:
/// GeoNames lists "Twickenham" for Huntsville, Alabama, and "Bono" for
/// Bonn. Spellings of the name stay ("Basra" for Basrah). Real BBC
/// sentences.
#[test]
fn a_citys_other_names_are_no_evidence_alone() {
    let g = default();
    let places = |text: &str| -> Vec<(String, String)> {
        links_where(&g, text, |m| m.kind == "location")
    };
    let got = places(
        "France captain Fabien Pelous insisted his side never doubted they \
         could secure their first win against England at Twickenham since \
         1997.",
    );
    assert!(!got.iter().any(|p| p.0 == "Twickenham"), "{got:?}");
    let got = places(
        "Earlier this week, Bono announced that the band would play two \
         shows at the venue, which holds almost 80,000 people.",
    );
    assert!(got.is_empty(), "{got:?}");
    // A major city's former name (BBC, the end of a quote).
    let got = places("one Bombay trader said this week.");
    assert_eq!(got, [("Bombay".into(), "Mumbai".into())]);
    let got = places(
        "He also flew to Basra in southern Iraq where British forces \
         are stationed.",
    );
    assert!(got.contains(&("Basra".into(), "Basrah".into())), "{got:?}");
}

mod properties {
    //! The runner's output does not depend on chunking or thread count,
    //! on documents assembled at random from real news sentences.

    use super::*;
    use proptest::prelude::*;

    fn sentences() -> Vec<String> {
        let mut out: Vec<String> = std::fs::read_to_string(eval_set())
            .unwrap()
            .lines()
            .flat_map(|l| {
                let d: serde_json::Value = serde_json::from_str(l).unwrap();
                let text = d["text"].as_str().unwrap().to_string();
                text.split_inclusive(". ")
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        // The mission's names, for partial-name and fuzzy links.
        out.extend(
            [
                "Britney Greiner was freed. ",
                "Secretary of State Anthony Blinken met Sergei Lavrov. ",
                "Blinken said little. ",
                "Victor Bout flew home. ",
                "LAVROV, Sergei Viktorovich. ",
            ]
            .map(String::from),
        );
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn output_is_the_same_for_any_chunking_and_thread_count(
            docs in proptest::collection::vec(proptest::collection::vec(any::<prop::sample::Index>(), 1..8), 1..40),
            chunk in 64usize..4096,
        ) {
            let pool = sentences();
            let texts: Vec<String> = docs
                .iter()
                .map(|d| d.iter().map(|i| i.get(&pool).as_str()).collect())
                .collect();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("docs.jsonl");
            let lines: String = texts
                .iter()
                .enumerate()
                .map(|(n, t)| format!("{}\n", serde_json::json!({"id": n, "text": t})))
                .collect();
            std::fs::write(&path, lines).unwrap();
            let g = default();
            let (one, _) = run_chunked(&g, std::slice::from_ref(&path), usize::MAX, 1);
            let (many, _) = run_chunked(&g, &[path], chunk, 3);
            prop_assert!(one == many);
            // Each line is the document's own annotation.
            for (line, text) in String::from_utf8(one).unwrap().lines().zip(&texts) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let want = serde_json::to_value(g.annotate(text)).unwrap();
                prop_assert_eq!(&v["mentions"], &want);
            }
        }
    }
}

/// Issue 23 (data loss): over several text inputs, `--output replace`
/// joined the documents with no separator ("Lavrov visited ParisMerkel
/// visited Berlin"); each replaced text now ends with a line break
/// (INTERFACE v1.1), one added where the document has none.
#[test]
fn regression_replaced_text_documents_stay_apart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Serguei Lavrov visited Paris").expect("write");
    std::fs::write(&b, "Victor Bout met Anthony Blinken.\n").expect("write");
    let (a, b) = (a.to_str().expect("UTF-8"), b.to_str().expect("UTF-8"));
    let out = nomina(&["normalize", "-q", "--output", "replace", a, b], b"");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Sergey Lavrov visited Paris\nViktor Bout met Antony Blinken.\n"
    );
}

/// Issue 23 (data loss): a `.jsonl` input was read as one text document
/// unless `--format jsonl` was given. The format now follows the name
/// (INTERFACE v1.1): `.jsonl` and `.jsonl.gz` are JSONL, other files and
/// stdin text; `--format` still decides when given.
#[test]
fn regression_jsonl_inputs_are_read_as_jsonl_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let news =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/news.jsonl");
    let plain = dir.path().join("news.txt");
    std::fs::copy(&news, &plain).expect("copy");
    let gz = dir.path().join("news.jsonl.gz");
    {
        let file = std::fs::File::create(&gz).expect("create");
        let mut enc =
            flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        enc.write_all(&std::fs::read(&news).expect("read")).expect("gzip");
        enc.finish().expect("gzip");
    }
    let lines = std::fs::read_to_string(&news).expect("read").lines().count();
    let news = news.to_str().expect("UTF-8");
    let by_name = nomina(&["normalize", "-q", news], b"");
    let explicit =
        nomina(&["normalize", "-q", "--format", "jsonl", news], b"");
    assert!(by_name.status.success());
    assert_eq!(by_name.stdout, explicit.stdout);
    assert_eq!(
        String::from_utf8_lossy(&by_name.stdout).lines().count(),
        lines
    );
    let zipped =
        nomina(&["normalize", "-q", gz.to_str().expect("UTF-8")], b"");
    assert_eq!(zipped.stdout, explicit.stdout, ".jsonl.gz is JSONL too");
    // Any other name is one text document, as before.
    let text =
        nomina(&["normalize", "-q", plain.to_str().expect("UTF-8")], b"");
    assert_eq!(String::from_utf8_lossy(&text.stdout).lines().count(), 1);
}

/// Issue 20, controls: `--threshold`, `--types` and `--no-fuzzy` on a real
/// BBC sentence whose fuzzy links are the wrong ones the issue lists (the
/// tennis players linked to sanctioned Russians by their patronymics).
#[test]
fn threshold_types_and_no_fuzzy_control_the_links() {
    let text =
        "Alex Bogdanovic beat Ana Ivanovic in Paris. Sergei Lavrov watched.";
    let links = |args: &[&str]| -> Vec<(String, String, String)> {
        let mut all = vec!["normalize", "-q"];
        all.extend_from_slice(args);
        let out = nomina(&all, text.as_bytes());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap();
        doc["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let s = |k: &str| m[k].as_str().unwrap().to_string();
                (s("text"), s("type"), s("how"))
            })
            .collect()
    };
    let all = links(&[]);
    assert!(all.iter().any(|l| l.2 == "fuzzy"), "{all:?}");
    // No alignment: only what exact aliases (and context) give.
    let exact = links(&["--no-fuzzy"]);
    assert!(
        !exact.is_empty() && exact.iter().all(|l| l.2 != "fuzzy"),
        "{exact:?}"
    );
    // A type filter keeps the links of that type, as they were.
    let places = links(&["--types", "location"]);
    let expect: Vec<_> =
        all.iter().filter(|l| l.1 == "location").cloned().collect();
    assert_eq!(places, expect);
    // A higher threshold keeps a subset.
    let strict = links(&["--threshold", "0.99"]);
    assert!(
        strict.len() < all.len() && strict.iter().all(|l| all.contains(l))
    );
}

/// Issue 20 and 21, the family-name rule: tennis players in BBC sport
/// (bbc-sport-431, bbc-sport-501) were linked to sanctioned Russians of the UK list whose
/// patronymic their family name resembles ("Alex Bogdanovic" → "KARLIN
/// Alexander Bogdanovich", "Ana Ivanovic" → "OTKE Anna Ivanovna"), and
/// document context then spread the link to "Bogdanovic" alone. A
/// patronymic is no family name: no link.
#[test]
fn regression_a_patronymic_is_no_family_name() {
    let g = default();
    let text =
        "A knee injury has forced Arvind Parmar out of Great Britain's \
                Davis Cup tie in Israel and left Alex Bogdanovic in line to \
                take the second singles place. Bogdanovic looks set to take \
                the second singles place alongside Greg Rusedski. Serbia's \
                Ana Ivanovic captured her first WTA title with a \
                straight-sets victory over Hungarian Melinda Czink in the \
                final of the Canberra Classic.";
    let linked: Vec<(String, String)> =
        g.annotate(text).into_iter().map(|m| (m.text, m.name)).collect();
    for name in ["Alex Bogdanovic", "Bogdanovic", "Ana Ivanovic"] {
        assert!(!linked.iter().any(|l| l.0 == name), "{name}: {linked:?}");
    }
    // The same names written the Russian way still resolve: the rule
    // reads roles, not spellings.
    for (query, id) in [
        ("Karlin Alexander Bogdanovich", "uk-RUS0885"),
        ("Anna Ivanovna Otke", "uk-RUS0931"),
    ] {
        let m = g.resolve(query);
        assert!(m.iter().any(|m| m.id == id), "{query}: {m:?}");
    }
}

/// Issue 20, spans: a run of capitalised words that resolves takes in only
/// the words aligned with the entity's name, never a title, a demonym or
/// a word of the next clause at either end; and such a word left out
/// links to nothing by context. Real sentences: BBC (bbc-politics-075,
/// bbc-sport-072) and a news story on the Blinken–Lavrov call.
#[test]
fn regression_spans_are_the_words_of_the_name() {
    let g = default();
    let text =
        "Ken Livingstone should \"stick to his guns\" and not apologise \
                for his \"Nazi\" comment to a Jewish reporter, Tory MP Boris \
                Johnson has insisted. When I was in London I did all of my \
                runs on the treadmill. American Anthony Blinken spoke with \
                Russia's Sergey Lavrov about Americans Paul Whelan and \
                Brittney Griner.";
    let spans = link_ids(&g, text);
    let texts: Vec<&str> = spans.iter().map(|s| s.0.as_str()).collect();
    for name in ["Boris Johnson", "London", "Anthony Blinken", "Paul Whelan"] {
        assert!(texts.contains(&name), "{name}: {spans:?}");
    }
    for wider in
        ["Tory MP Boris Johnson", "London I", "American Anthony Blinken"]
    {
        assert!(!texts.contains(&wider), "{wider}: {spans:?}");
    }
    assert!(!texts.iter().any(|t| t.starts_with("American")), "{spans:?}");
}

/// Spans trimmed to the words of the name keep dotted initials: "J.D." is
/// folded as the name's words are ("j", "d"), not as the spotter's key.
#[test]
fn regression_trimmed_spans_keep_dotted_initials() {
    let g = default();
    let text = "Yesterday J.D. Vanse said so.";
    let m = g.annotate(text);
    assert!(
        m.iter().all(|m| !m.text.ends_with("Vanse") || m.text == "J.D. Vanse"),
        "{m:?}"
    );
}

/// Issue 20, acronyms: capitals that spell no name of the entity they are
/// an alias of ("UKIP" is listed for a Russian company, "RSS" for JSC
/// ROSSIYSKIYE KOSMICHESKIYE SISTEMY) link only beside the entity named
/// in full; capitals that spell one of its names ("AFP" for Agence
/// France-Presse), or with digits ("MI6"), link alone. Real BBC sentences
/// (bbc-politics-111, bbc-tech-062, bbc-business-437, bbc-politics-053).
#[test]
fn regression_capitals_that_spell_no_name_are_weak() {
    let g = default();
    for text in [
        "UKIP leader Roger Knapman says he was glad to see the back of Mr \
         Kilroy-Silk.",
        "To do this it makes use of a technology known as Really Simple \
         Syndication (RSS) that many blogs have adopted to let other sites \
         know when new entries are made on their journals.",
    ] {
        let got = links(&g, text);
        assert!(got.iter().all(|l| l.0 != "UKIP" && l.0 != "RSS"), "{got:?}");
    }
    for (text, acronym) in [
        (
            "The decision to ban further tobacco factories does not apply \
             to deals made before 2005, according to the French news agency \
             AFP.",
            "AFP",
        ),
        (
            "An ex-Russian intelligence officer who risked his life spying \
             for MI6 is entering the seventh week of a hunger strike near 10 \
             Downing Street.",
            "MI6",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().any(|l| l.0 == acronym), "{acronym}: {got:?}");
    }
}

/// Issue 20: a given name that is also an ordinary word ("Ed", "Den",
/// "Jack"), capitalised mid-sentence before a capitalised word, starts a
/// person's name like any given name: the run is no misspelt place
/// (Zinder for "Ed Zander", Vác for "Den Watts"). Real BBC sentences
/// (bbc-tech-347, bbc-entertainment-189).
#[test]
fn regression_ordinary_given_names_start_persons_names() {
    let g = default();
    for (text, name) in [
        (
            "Apple and Motorola announced they were getting together at the \
             end of last year as a result of a long-standing friendship \
             between Motorola's chief executive Ed Zander and Steve Jobs.",
            "Ed Zander",
        ),
        (
            "Long-running soap EastEnders won the best popular drama moment \
             title when character Dot confided in Den Watts that she was \
             unwell.",
            "Den Watts",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().all(|l| l.0 != name), "{name}: {got:?}");
    }
}

/// Issue 20: a business named after a place is not the place: a legal
/// form left unmatched against a place's name rules the place out ("Vulcan
/// Inc" is not Vulcan, Alberta; "AS Roma" not Rome). Real BBC sentences
/// (bbc-tech-009, bbc-sport-100). The place itself still links.
#[test]
fn regression_a_business_is_not_the_place_it_is_named_after() {
    let g = default();
    for (text, name) in [
        (
            "I only wish that Vulcan Inc's Flipstart wasn't just vapourware \
             otherwise it would be at the top.",
            "Vulcan",
        ),
        (
            "But he then played in a friendly for his club AS Roma within 24 \
             hours of a World Cup qualifying match at home to Cameroon last \
             September.",
            "Rome",
        ),
    ] {
        let got = links(&g, text);
        assert!(links_none(&got, &[name]), "{name}: {got:?}");
    }
    let rome = links(&g, "He flew to Rome on Monday.");
    assert!(rome.iter().any(|l| l.1 == "Rome"), "{rome:?}");
}

/// Issue 20: a person's alias made of ordinary words is a nickname ("BIG
/// BOY", an alias of a sanctioned man): a run that only resembles it
/// ("Big Boi" of OutKast, bbc-entertainment-132) names someone else.
#[test]
fn regression_a_nickname_of_ordinary_words_is_not_misspelt() {
    let g = default();
    let text =
        "Andre 3000 and Big Boi's album Speakerboxxx/The Love Below has \
                been critically acclaimed since its release and sold in large \
                quantities around the world.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "Big Boi"), "{got:?}");
}

/// Issue 20: a place's name in English text is written as the gazetteer
/// has it, up to case, accents and romanisation; a run none of whose words
/// has the key of a word of the place's name is something else ("West
/// Brom", the club, met West Bromwich through its alternate "Owest
/// Bromij"). Real BBC sentence (bbc-sport-096); a place written with a
/// word misspelt still links ("Buenos Aries").
#[test]
fn regression_a_place_needs_one_word_as_written() {
    let g = default();
    let got = links(
        &g,
        "He has not played since aggravating the injury in the 3-0 win \
         against West Brom on 27 November.",
    );
    assert!(got.iter().all(|l| l.0 != "West Brom"), "{got:?}");
    let got = links(&g, "She moved to Buenos Aries last year.");
    assert!(got.iter().any(|l| l.1 == "Buenos Aires"), "{got:?}");
}

/// Issue 20: a month name written as a date ("in May", "May 5") is not the
/// document's person of that name. Real BBC text (bbc-politics-067): the
/// month before, the person after.
#[test]
fn regression_a_month_in_a_date_is_no_person() {
    let g = default();
    let text = "Children's Minister Margaret Hodge said there was not enough \
                time to pass the bill through parliament before the general \
                election, which is likely to take place in May.\n\nThe \
                Conservatives have called for an equal split between parents \
                on access to be made law. Theresa May, shadow secretary for \
                the family, told BBC Radio 4. May said the bill was late.";
    let got: Vec<(String, usize)> = g
        .annotate(text)
        .into_iter()
        .filter(|m| m.name == "Theresa May")
        .map(|m| (m.text, m.start))
        .collect();
    let month = text.find("in May").unwrap() + 3;
    assert!(got.iter().all(|m| m.1 != month), "{got:?}");
    assert!(got.iter().any(|m| m.0 == "Theresa May"), "{got:?}");
    assert!(got.iter().any(|m| m.0 == "May" && m.1 > month), "{got:?}");
}

/// Issue 20, recall on a gazetteer of Wikidata labels: concepts are
/// labelled in lower case ("selfie", "anxiety"), and lower-case text never
/// matched, so an exact tagger of the same names found more. A canonical
/// name the gazetteer writes in lower case now matches text that writes
/// it in lower case; lower-case text still never matches a name written
/// with capitals ("turkey" the bird is not Turkey), and the same word
/// capitalised alone in a headline is an ordinary word. Real HuffPost
/// sentences (data/sample/huffpost-news.jsonl.gz).
#[test]
fn regression_names_in_lower_case_match_text_in_lower_case() {
    let (_dir, g) = gazetteer_of(
        "{\"id\": \"Q12068677\", \"name\": \"selfie\", \"type\": \"other\"}\n\
         {\"id\": \"Q154430\", \"name\": \"anxiety\", \"type\": \"other\"}\n\
         {\"id\": \"Q180507\", \"name\": \"radiation therapy\", \"type\": \"other\"}\n\
         {\"id\": \"Q43\", \"name\": \"Turkey\", \"type\": \"location\"}\n\
         {\"id\": \"Q524\", \"name\": \"Mount Vesuvius\", \"type\": \"location\"}\n",
    );
    let got = links(
        &g,
        "American Tourist Miraculously Survives Fall Into Mount Vesuvius\n\n\
         Philip Carroll was taking a precarious selfie when he dropped his \
         phone and fell into the volcano crater trying to retrieve it.",
    );
    assert_eq!(
        got,
        [
            ("Mount Vesuvius".into(), "Mount Vesuvius".into(), How::Exact),
            ("selfie".into(), "selfie".into(), How::Exact),
        ]
    );
    let got = links(
        &g,
        "The singer opened up to HuffPost about managing her anxiety right \
         now and how she's advocating for kids' well-being.",
    );
    assert_eq!(got, [("anxiety".into(), "anxiety".into(), How::Exact)]);
    let got = links(
        &g,
        "One officer used a net in an attempt to nab the turkey as it \
         shuffled around an apartment on Friday.",
    );
    assert!(got.is_empty(), "{got:?}");
    let got = links(
        &g,
        "4 'Micro-Transitions' In Your Day That May Be Causing You Anxiety",
    );
    assert!(got.is_empty(), "{got:?}");
    // Lower case word for word: no capital inside the span.
    let got = links(&g, "She chose radiation Therapy over surgery.");
    assert!(got.is_empty(), "{got:?}");
    let got = links(&g, "She chose radiation therapy over surgery.");
    assert_eq!(got.len(), 1, "{got:?}");
}

/// A concept labelled in lower case also matches its regular English
/// plural ("policies" for "policy", "students", "lawmakers"); words too
/// short or not read as plurals do not ("news" is no "new"). HuffPost
/// sentences (data/sample/huffpost-news.jsonl.gz); the last is cut short
/// and ends with "the news desk reported".
#[test]
fn names_in_lower_case_match_their_plurals() {
    let (_dir, g) = gazetteer_of(
        "{\"id\": \"Q1\", \"name\": \"policy\", \"type\": \"other\"}\n\
         {\"id\": \"Q2\", \"name\": \"student\", \"type\": \"other\"}\n\
         {\"id\": \"Q3\", \"name\": \"lawmaker\", \"type\": \"other\"}\n\
         {\"id\": \"Q4\", \"name\": \"new\", \"type\": \"other\"}\n",
    );
    let got = links(
        &g,
        "The policies are set to take effect at all 41 theaters and will \
         remain in place through at least Oct.",
    );
    assert_eq!(got, [("policies".into(), "policy".into(), How::Exact)]);
    let got = links(
        &g,
        "Republican lawmakers are celebrating the end of nationwide \
         abortion rights while blocking federal protections.",
    );
    assert_eq!(got, [("lawmakers".into(), "lawmaker".into(), How::Exact)]);
    let got = links(
        &g,
        "Six of 43 students kidnapped in 2014 were kept alive for days, \
         the news desk reported.",
    );
    assert_eq!(got, [("students".into(), "student".into(), How::Exact)]);
}

/// Issue 20: a word of three letters or fewer was a name only in capitals
/// ("US", not "Us"), so "eBay" (four letters passed) and "iOS" never could
/// be: a capital after the first letter is written as a name is, and such
/// a word matches an alias written exactly so. Real HuffPost headline
/// (data/sample/huffpost-news.jsonl.gz).
#[test]
fn regression_a_capital_inside_a_short_word_is_a_name() {
    let (_dir, g) = gazetteer_of(
        "{\"id\": \"Q48493\", \"name\": \"iOS\", \"type\": \"other\"}\n\
         {\"id\": \"island-ios\", \"name\": \"Ios\", \"type\": \"location\"}\n\
         {\"id\": \"Q58024\", \"name\": \"eBay\", \"type\": \"organization\"}\n",
    );
    let got = links(&g, "The app is free for both iOS and Android.");
    assert_eq!(got, [("iOS".into(), "iOS".into(), How::Exact)]);
    let got = links(
        &g,
        "John Boyega Recalls Horrifying Moment His Lost 'Star Wars' Script \
         Ended Up On eBay",
    );
    assert_eq!(got, [("eBay".into(), "eBay".into(), How::Exact)]);
    // A short word capitalised as any word is stays no name.
    let got = links(&g, "Ios is an island.");
    assert!(got.is_empty(), "{got:?}");
}

/// Issue 20: "-er" makes an inhabitant or an agent of a place or a thing,
/// and the stem or a spelling made it the thing: "the New Zealander"
/// (Peter Jackson) was New Zealand, "a European Commissioner" (Peter
/// Mandelson) the European Commission, "a New Yorker" New York City
/// through its alternate "New Yorke". Real BBC sentences
/// (bbc-entertainment-385, bbc-politics-009, bbc-politics-267).
#[test]
fn regression_an_inhabitant_is_not_the_place() {
    let g = default();
    for text in [
        "\"I think it's gonna be a lot of lawyers sitting in a room trying \
         to thrash out a deal before it will ever happen,\" said the New \
         Zealander.",
        "The e-mail was revealed the day after Peter Mandelson, former \
         Labour minister and now a European Commissioner, warned the BBC.",
        "A great soundbite, but a surprise coming from a New Yorker post 11 \
         September.",
    ] {
        let got = links(&g, text);
        assert!(
            got.iter().all(|l| !l.0.contains("Zealander")
                && !l.0.contains("Commissioner")
                && !l.0.contains("Yorker")),
            "{got:?}"
        );
    }
    // The adjective is the place's: "Sri Lankan authorities".
    let got = links(&g, "The Sri Lankan government asked for help.");
    assert!(got.iter().any(|l| l.1 == "Sri Lanka"), "{got:?}");
}

/// Issue 20, links to sanctioned persons whose family name is not the
/// mention's: an alias that is a nickname or another name of a person
/// ("Bashir" for KONY, Ali; "JimJones" and "BLADE RUNNER" for ERMAKOV,
/// Aleksandr; "UNCLE TOLI" for GONZALEZ POLANCO) linked runs that only
/// resemble it, and a title made a one-word alias strong by ruling out
/// the town it shared ("King George"). A fuzzy link through an alias that
/// shares no word with the person's name, an exact alias of ordinary
/// words, and a one-word alias left alone by a title are now no evidence
/// by themselves. Real HuffPost and BBC sentences (hp-006941, hp-002245,
/// hp-000039, hp-004482, bbc-sport-462).
#[test]
fn regression_a_nickname_alias_is_no_evidence_alone() {
    let g = default();
    for text in [
        "Sudan's Military Overthrows President Omar al-Bashir\n\nOmar \
         al-Bashir has been arrested in the wake of escalating protests.",
        "Lawmaker Who Survived Jonestown Massacre Compares Trump To Jim \
         Jones",
        "Amazon Greenlights 'Blade Runner 2099' Limited Series Produced By \
         Ridley Scott",
        "Here's The Reason King George Spits So Much In 'Hamilton'",
        "Navratilova will partner Nathalie Dechy in the doubles event at the \
         Uncle Toby's Hardcourts tournament on Australia's Gold Coast.",
    ] {
        let persons = links_where(&g, text, |m| {
            m.kind == "person" && !m.id.starts_with("news-")
        });
        assert!(persons.is_empty(), "{persons:?}");
    }
}

/// Issue 20: two approximations made one link. The stem of "Publications"
/// ("public") was a spelling of "republic" one edit beyond the typo budget,
/// and "Central Banking Publications" became CENTRAL REPUBLIC BANK; a stem
/// now meets a word within the budget only. And a person listed "FAMILY,
/// Given" met in reverse, the text's family name being the listed given
/// name ("Ayub Ali" for AYOUB, Ali Abdullah; "Bong Joon Ho" for JON, Il
/// Ho), is another person. Real BBC and HuffPost sentences
/// (bbc-business-180, hp-008395, hp-005422).
#[test]
fn regression_stems_and_reversed_names_are_no_links() {
    let g = default();
    for text in [
        "Compiled by Central Banking Publications and sponsored by the UK's \
         Royal Bank of Scotland, the survey found 39 new central banks.",
        "Teen suspect is arrested the day of Ayub Ali's funeral.",
        "Bong Joon Ho's \"Parasite\" became the first foreign film to take \
         home the ceremony's top prize.",
    ] {
        let got = links_where(&g, text, |m| m.how == How::Fuzzy);
        assert!(got.is_empty(), "{got:?}");
    }
    // A name written family first as it is listed still links.
    let got = links(&g, "Xi Jingping visited Moscow.");
    assert!(got.iter().any(|l| l.1 == "Xi Jinping"), "{got:?}");
}

/// Issue 20: in running text a person's given name is written as the
/// person writes it, or misspelt; another given name of the same group
/// names another person ("Jack Kirby", the comics artist, was John Kirby;
/// "Carol Lam", a US prosecutor, was Carrie Lam; "Kim Jong Nam" was Kim
/// Yong Nam). And the people of a place are not the place ("Sri
/// Lankans", "West Virginians"), while its adjective is ("Sri Lankan").
/// Real BBC and HuffPost sentences (bbc-entertainment-305,
/// bbc-business-102, hp-007114, bbc-business-434, hp-008996).
#[test]
fn regression_other_given_names_and_peoples_are_no_links() {
    let g = default();
    for text in [
        "Radically, Lee gave the artists responsible for the comic designs \
         credits for their work. Jack Kirby, Frank Miller and others \
         achieved cult status.",
        "Prosecuting attorney Carol Lam said: \"All US companies should take \
         note.\"",
        "Siti Aisyah and a co-defendant were accused of smearing VX nerve \
         agent on Kim Jong Nam's face in 2017.",
        "A quarter of a million Sri Lankans and 23,500 people in the \
         Maldives are also facing poverty.",
        "Super PACs That Meddled In West Virginia's Senate Primary Didn't \
         Receive A Penny From West Virginians",
    ] {
        let got = links_where(&g, text, |m| m.how == How::Fuzzy);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    let got = links(&g, "The Sri Lankan government asked for help.");
    assert!(got.iter().any(|l| l.1 == "Sri Lanka"), "{got:?}");
}

/// Issue 20, recall: news names its most prominent people by family name
/// alone ("Netanyahu", "Schumer", "the Biden administration", "Chancellor
/// Scholz"), and such a word linked only when the document named the
/// person in full. It now links to the one person of the gazetteer with
/// that family name, written as their canonical name writes it, when the
/// gazetteer knows them by several names or a capitalised title precedes.
/// Not: a word someone has as a given name ("play Andre", Agassi, is not
/// ANDRE, Johnson), a name in a team sheet ("Brown, Powell;"), a family
/// name shared by a person the document names that the gazetteer lacks.
/// Real HuffPost and BBC text (hp-002538, hp-002570, hp-000100,
/// hp-000152, hp-007695, bbc-business-204, bbc-sport-427, bbc-sport-325,
/// and
/// data/sample/huffpost-news.jsonl.gz).
#[test]
fn regression_a_prominent_persons_family_name_alone_names_them() {
    let g = default();
    let person = |text: &str, name: &str| {
        g.annotate(text).into_iter().any(|m| m.name == name)
    };
    assert!(person(
        "Israel's Parliament Approves New Coalition, Ending Netanyahu's Long \
         Rule\n\nNaftali Bennett, a former ally of Netanyahu turned bitter \
         rival, becomes prime minister.",
        "Benjamin Netanyahu"
    ));
    assert!(person(
        "Schumer: Senate Report 'Strengthened Argument' For Jan. 6 Commission",
        "Chuck Schumer"
    ));
    assert!(person(
        "The finding comes after the Biden administration confirmed that the \
         Russian military in August took delivery of Iranian-manufactured \
         drones.",
        "Joe Biden"
    ));
    assert!(person(
        "Chancellor Scholz met Mr Macron in Paris.",
        "Olaf Scholz"
    ));
    // The town a title rules out leaves the word to the person
    // (bbc-business-204).
    assert!(person(
        "President Bush is to send his toughest budget proposals to \
         Congress.",
        "George W. Bush"
    ));
    // At a headline's start: "Trump" is no ordinary word (HuffPost writes
    // it capitalised mid-sentence more often than not).
    assert!(person(
        "Trump Attorneys File Do-Over Motion Regarding Mar-A-Lago Search\n\n\
         The former president's legal team followed a judge's order.",
        "Donald Trump"
    ));
    for text in [
        "\"It's always tough to come out to play Andre. I didn't want him to \
         play his game.\"",
        "15 Items To Shop Now During Lord & Taylor's Friends & Family Sale",
        "Delport; Pieters, Rasmussen, Lombard, O'Leary; Brown, Powell; Windo, \
         Van Niekerk, Horsman; Collier, Gillies.",
        "First Lady Jill Biden To Meet Ukrainian Refugees During Border \
         Visit\n\nThe centerpiece of the first lady's trip comes Sunday, \
         Mother's Day, when Biden meets with displaced Ukrainians.",
    ] {
        let persons = links_where(&g, text, |m| m.kind == "person");
        assert!(persons.is_empty(), "{text}: {persons:?}");
    }
}

/// Issue 20, nested names: a place written at the head of a longer
/// capitalised name the gazetteer does not know names that longer thing,
/// not the place ("US Anti-Doping Agency", "U.S. Women’s National Team",
/// "Golden Gate Park"), whether the name goes on in ordinary words or
/// after an acronym; the pronoun that starts the next clause ("in London
/// I did") is no such word, nor is a full stop after two capitals ("the
/// FT. But"). Real sentences: BBC (bbc-sport-026, bbc-business-034) and
/// HuffPost (hp-000771, hp-006403 of the dev half).
#[test]
fn regression_a_place_heading_a_longer_name_is_not_the_place() {
    let g = default();
    for (text, place) in [
        (
            "Collins was suspended by the US Anti-Doping Agency based on \
             patterns observed in her blood and urine tests.",
            "US",
        ),
        (
            "The former U.S. Women’s National Team goalie said, “at this \
             time, I need to take care of myself.”",
            "U.S.",
        ),
        (
            "“We are committed to creating a safe, respectful and inclusive \
             environment for all,\" explained organizers of upcoming event \
             at Golden Gate Park.",
            "Golden Gate",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().all(|l| l.0 != place), "{place}: {got:?}");
    }
    for (text, name) in [
        (
            "Shanghai Automotive Industry Corp plans to shift production of \
             the Rover 25 to China, sources close to the negotiations tell \
             the FT. But Rover told BBC News that reports of job cuts were \
             \"speculation\".",
            "Financial Times",
        ),
        (
            "When I was in London I did all of my runs on the treadmill.",
            "London",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().any(|l| l.1 == name), "{name}: {got:?}");
    }
}

/// Issue 20, runs: a contraction ("Isn't", "Didn't"), however
/// capitalised, is a verb and no word of a name, so the name before or
/// after it is read alone. HuffPost hp-008987 (dev half) and hp-009241.
#[test]
fn regression_a_contraction_is_no_word_of_a_name() {
    let g = default();
    for (text, name) in [
        (
            "'This Isn’t Pakistan, Bitch': Video Captures Driver’s Racist \
             Rant",
            "Pakistan",
        ),
        (
            "Gina Haspel Now Says CIA Shouldn't Have Conducted Its \
             Interrogation Program",
            "Central Intelligence Agency",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().any(|l| l.1 == name), "{name}: {got:?}");
    }
}

/// Issue 20, headlines: a title-case headline capitalises its
/// prepositions ("For", "At"), which prose and most names do not, so they
/// count as its evidence: its ordinary words then start no name, and
/// "Maggie Hassan" is a person's name there as anywhere, whose family
/// name alone is that person, not Hassan, India. HuffPost hp-000257 (dev
/// half).
#[test]
fn regression_capitalised_prepositions_mark_a_headline() {
    let g = default();
    let text =
        "Lindsey Graham Scolded For Senate Outburst At Maggie Hassan\n\n\
                Graham directly insulted Hassan and presiding officer Chris \
                Murphy (D-Conn.) stepped in.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "Hassan"), "{got:?}");
    assert!(has_link(&got, "Senate", "United States Senate"), "{got:?}");
}

/// Issue 20, spans: a person's alias that starts with a title ("Prince
/// Harry") links the person, and the mention is the name after the title,
/// as the guideline writes every span. HuffPost hp-006569 (dev half).
#[test]
fn regression_a_title_inside_an_alias_is_no_part_of_the_mention() {
    let g = default();
    let text =
        "Prince Harry, Meghan Markle's Home Renovations Cost Taxpayers \
                $3 Million";
    let got = g.annotate(text);
    let harry = got.iter().find(|m| m.id == "news-prince-harry");
    assert_eq!(harry.map(|m| m.text.as_str()), Some("Harry"), "{got:?}");
    assert_eq!(harry.map(|m| &text[m.start..m.end]), Some("Harry"));
}

/// Issue 20, runs: a word for a party's members after a place or body
/// ("Texas Republican", "Senate Republicans") names people from there, as
/// a demonym would, not a longer name: the place or body is a mention,
/// and a name after the party word is read on its own; a run with no
/// alias before the party word ("Liberal Democrat"), or a country's name
/// ("Sweden Democrats", a party), is still read whole.
/// HuffPost hp-004372, hp-005612, hp-002836 (dev half) and BBC
/// bbc-politics-036.
#[test]
fn regression_a_partys_members_are_no_part_of_a_places_name() {
    let g = default();
    for (text, name) in [
        (
            "The Texas Republican lawmaker was tested Wednesday before he \
             was set to travel with President Donald Trump.",
            "Texas",
        ),
        (
            "Pam Bondi shrugged off concerns that Senate Republicans are \
             defying their oaths of impartiality.",
            "United States Senate",
        ),
        (
            "The nation's top infectious diseases expert responded to \
             Wisconsin Republican Ron Johnson's skepticism.",
            "Wisconsin",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().any(|l| l.1 == name), "{name}: {got:?}");
    }
    // After a country's name the word names a national party, one name
    // the default gazetteer lacks.
    let got = links(
        &g,
        "The far-right Sweden Democrats gained seats in the election.",
    );
    assert!(got.iter().all(|l| l.0 != "Sweden"), "{got:?}");
    let text = "In his New Year message the Liberal Democrat leader said \
                Labour and the Conservatives were united in relying on fear.";
    let got = links(&g, text);
    assert!(
        has_link(&got, "Liberal Democrat", "Liberal Democrats"),
        "{got:?}"
    );
}

/// Issue 20, recall: a family name alone names the person listed under it
/// by many times as many names as anyone else of that family name
/// ("Putin": Vladimir Putin's three names with it, against relatives
/// listed under one on a sanctions list), counting only the names that
/// have it (a sanctions listing's many other aliases do not make "Erdogan"
/// that listing); an ordinary word ("Bout", a song) needs the one person
/// of that name. HuffPost hp-006553 (dev half) and hp-008292, BBC
/// bbc-entertainment-254.
#[test]
fn regression_a_family_name_names_the_person_listed_most_under_it() {
    let g = default();
    let got = links_where(
        &g,
        "Mohammed bin Salman shared an impish grin with Putin and Trump \
         praised him as his \"friend.\"",
        |m| m.text == "Putin",
    );
    assert_eq!(got, [("Putin".to_string(), "Vladimir Putin".to_string())]);
    let got = links_where(
        &g,
        "\"We will not allow the economic terrorists on social media,\" \
         Turkish President Erdogan said.",
        |m| m.text == "Erdogan",
    );
    assert_eq!(
        got,
        [("Erdogan".to_string(), "Recep Tayyip Erdoğan".to_string())]
    );
    let got = links(
        &g,
        "Her comeback song Bout featuring Rah Digga only just scrapped into \
         the top 40.",
    );
    assert!(got.iter().all(|l| l.0 != "Bout"), "{got:?}");
    // Prominence is counted in names with the family name: JEDI, Muhammad
    // Wanndy Bin Mohamed is listed under three names, one of them with
    // "Jedi" (bbc-tech-401).
    let got = links(
        &g,
        "Hopefully I made a clean break, and actually managed to sell my \
         Jedi account for pounds 800.",
    );
    assert!(got.iter().all(|l| l.0 != "Jedi"), "{got:?}");
}

/// Issue 20, small places: a town is written as a place after "city of",
/// "town of" or "village of", and a place's name that is also a given
/// name is that place when its state follows. BBC bbc-politics-406 and
/// HuffPost hp-004429 (dev half).
#[test]
fn regression_a_town_named_as_a_place_is_the_place() {
    let g = default();
    for (text, place) in [
        (
            "He was born the son of a Church of Scotland Minister in the \
             small Fife town of Kirkcaldy.",
            "Kirkcaldy",
        ),
        (
            "The Edmund Pettus Bridge in Selma, Alabama, is named after a \
             Confederate general.",
            "Selma",
        ),
    ] {
        let got = links(&g, text);
        assert!(has_link(&got, place, place), "{place}: {got:?}");
    }
}

/// Issue 20, spans: an alias with a comma before capitals is one mention
/// ("Washington, D.C."), an ordinal number goes inside a longer name
/// ("The U.S. 9th Circuit Court of Appeals" is no mention of the U.S.),
/// and a code with digits after a name is no word of it ("The Ural
/// Airlines A321"). HuffPost hp-005799, hp-006903 and hp-006308 (dev
/// half).
#[test]
fn regression_commas_and_ordinals_inside_names() {
    let g = default();
    let text = "Waters said she was \"flipping my wig over the high-energy \
                proceedings\" in Washington, D.C., Wednesday.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Washington, D.C."), "{got:?}");
    let text = "The U.S. 9th Circuit Court of Appeals in San Francisco \
                largely upheld the laws.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "U.S."), "{got:?}");
    assert!(got.iter().any(|l| l.0 == "San Francisco"), "{got:?}");
    let text = "The Ural Airlines A321 collided with a flock of birds that \
                got into its engines.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Ural Airlines"), "{got:?}");
}

/// Issue 20, spans: a mention starts with a word of the name, never with
/// a particle in lower case, so the words before "de León" or "del Neri"
/// are not left out as a title would be ("state lawmaker Kevin de León"
/// is no mention of León, Spain; "Luigi del Neri" none of Nyeri).
/// HuffPost hp-009815 (dev half) and a BBC sport story.
#[test]
fn regression_a_mention_starts_with_no_particle() {
    let g = default();
    for text in [
        "Feinstein's leading opponent, state lawmaker Kevin de León, has \
         campaigned as a progressive alternative.",
        "He has made only seven league appearances this season for Luigi \
         del Neri's side.",
    ] {
        let got = links(&g, text);
        assert!(got.is_empty(), "{got:?}");
    }
}

/// Issue 20, nested names: a point of the compass before a place's name
/// makes a longer name ("Southern California", "Eastern Ukraine"), in a
/// title-case headline too, where the shorter place is no mention; an
/// alias that starts with one is still found whole ("North Korea"), and
/// before a country's name it is the adjective prose writes in lower case
/// ("Eastern Ukraine" is Ukraine). HuffPost hp-004346 and hp-008712 (dev
/// half) and hp-000745 (in neither half).
#[test]
fn regression_a_point_of_the_compass_starts_a_longer_place_name() {
    let g = default();
    let text = "Marines Halt Search For 8 Missing Troops Off Southern \
                California Coast, All Presumed Dead\n\nThe Marines were \
                attached to the 15th Marine Expeditionary Unit, based at \
                nearby Camp Pendleton, north of San Diego.";
    let got = links(&g, text);
    assert!(links_none(&got, &["California"]), "{got:?}");
    assert!(got.iter().any(|l| l.1 == "San Diego"), "{got:?}");
    let text = "Seth Meyers Has 1 Funny Regret After Trump Cancels North \
                Korea Summit\n\nThere goes the one token of his appreciation.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "North Korea"), "{got:?}");
    let text = "Russia Plans To Annex Much Of Eastern Ukraine, Senior U.S. \
                Official Says";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Ukraine"), "{got:?}");
}

/// Issue 20, nested names: a word that ends the name of a body, a
/// newspaper or an institution called after a town ("Miami Herald",
/// "London Zoo") goes on the town's name in a title-case headline as in
/// running text, so the town is no mention there; after a state's name it
/// is the adjective prose writes in lower case ("an Illinois zoo"), and
/// a hospital in Rome is in Rome. HuffPost hp-001771 (dev half),
/// hp-007292, hp-001359 and hp-002415 (in neither half).
#[test]
fn regression_a_word_that_ends_a_bodys_name_goes_on_a_towns_name() {
    let g = default();
    for text in [
        "Miami Herald Pulls No Punches With Stinging Gov. Ron DeSantis \
         Editorial",
        "Popular Sumatran Tiger Melati Killed By Intended Mate At London \
         Zoo\n\nMelati, 10, was fatally mauled when she was introduced to \
         Asim.",
    ] {
        let got = links(&g, text);
        assert!(links_none(&got, &["Miami", "London"]), "{got:?}");
    }
    // Nor is a town's council the town, though the lexicon gives "city
    // council" the symbol of "City" and of "City of" (hp-009121, dev half;
    // hp-002700, in neither half).
    for text in [
        "Boulder City Council Unanimously Votes To Ban Assault Weapons, \
         High-Capacity Magazines",
        "The Brooklyn Center City Council passed a progressive resolution \
         that will serve as a road map for the city.",
    ] {
        let got = links(&g, text);
        assert!(got.is_empty(), "{got:?}");
    }
    // "Kent State" is the university (hp-009021, dev half; hp-009138),
    // and an ordinary word that is a town's alias makes no name ("Since").
    let text = "Michael Keaton Ends Kent State Commencement Speech With 'I'm \
                Batman'";
    assert!(links_none(&links(&g, text), &["Kent"]));
    let text = "Trump Now Claims He Won Wisconsin Since State Court Has \
                Restricted Ballot Drop Boxes";
    assert!(has_link(&links(&g, text), "Wisconsin", "Wisconsin"));
    // Before "Of" and a place's name, of any size: "University Of
    // Florida" (hp-001744, in neither half); but "the State of Hawaii" is
    // Hawaii (hp-007804).
    let text = "University Of Florida Prohibits Professors From Testifying \
                In Voting Rights Case";
    assert!(links_none(&links(&g, text), &["Florida"]));
    let text =
        "Bruno Mars Gives Thanksgiving Meals For 24K People In His Home \
                State Of Hawaii";
    assert!(has_link(&links(&g, text), "Hawaii", "Hawaii"));
    // An event called after a place of any size is no mention of it
    // ("Kentucky Derby", "Tokyo Games"; hp-001139, hp-003193, in neither
    // half); a festival in a state is a festival there.
    for text in [
        "Kentucky Derby Winner Medina Spirit Stripped Of Title",
        "Legendary Olympic Athlete Takes Over Tokyo Games Following Sexism \
         Backlash",
    ] {
        let got = links(&g, text);
        assert!(links_none(&got, &["Kentucky", "Tokyo"]), "{got:?}");
    }
    let text =
        "Commotion At Missouri Festival As Hot Air Balloon Crashes Into \
                Crowd";
    assert!(has_link(&links(&g, text), "Missouri", "Missouri"));
    let text = "Snow Leopard Dies After Contracting COVID-19, Illinois Zoo \
                Says";
    assert!(has_link(&links(&g, text), "Illinois", "Illinois"));
    let text = "Pope Francis Goes To Rome Hospital For Intestinal Surgery";
    assert!(has_link(&links(&g, text), "Rome", "Rome"));
}

/// Issue 20, headlines: a longer name the gazetteer does not know that
/// the body writes as one ("The Gays for Trump founder", "the U.S. Open
/// final", "The Lincoln Project") is that name where its words recur in
/// the title-case headline, whose capitals cannot show where a name ends:
/// neither the person nor the place inside it is a mention there.
/// HuffPost hp-000917 (dev half), hp-000067 and hp-003861 (in neither).
#[test]
fn regression_a_longer_name_of_the_body_is_one_name_in_the_headline() {
    let g = default();
    let text = "Trump Tells Member Of Gays For Trump At Mar-a-Lago: 'You \
                Don't Look Gay'\n\nThe Gays for Trump founder said the former \
                president was probably expecting to see the \"stereotypical\" \
                gay.";
    let got = g.annotate(text);
    let trump: Vec<usize> = got
        .iter()
        .filter(|m| m.name == "Donald Trump")
        .map(|m| m.start)
        .collect();
    assert_eq!(trump, [0], "{got:?}");
    for text in [
        "Carlos Alcaraz Wins U.S. Open For 1st Slam Title, Top Ranking\n\n\
         Carlos Alcaraz defeated Casper Ruud in the U.S. Open final to earn \
         his first Grand Slam at age 19.",
        "Lincoln Project Attorney Scorches Lawsuit Threat Over Ivanka, Jared \
         Billboards\n\n\"Peddle your scare tactics elsewhere. The Lincoln \
         Project will not be intimidated by such empty bluster,\" attorney \
         Matthew Sanderson blasted in a letter.",
    ] {
        let got = links(&g, text);
        assert!(links_none(&got, &["United States", "Lincoln"]), "{got:?}");
    }
}

/// Issue 20, spans: the words before a name that the name was not aligned
/// with are left out of the mention only when they are a title, a demonym
/// or a sentence's first word ("Tory MP Boris Johnson"); an ordinary word
/// whose capital means a name starts a longer one ("the Parliamentary
/// Labour Party", a film's "The Fisher King"), which is no mention of the
/// shorter. "MP" is a title ("Labour MP Barry Sheerman" names the party
/// and a person). BBC politics and entertainment stories.
#[test]
fn regression_an_ordinary_word_with_a_capital_starts_a_longer_name() {
    let g = default();
    for text in [
        "A meeting of the Parliamentary Labour Party saw a succession of \
         normally loyal members criticise the chancellor.",
        "Robin Williams, a five-time Globe winner for such films as The \
         Fisher King and Good Morning, Vietnam, received the award.",
    ] {
        let got = links(&g, text);
        assert!(
            got.iter().all(|l| l.1 != "Labour Party" && l.0 != "Fisher"),
            "{got:?}"
        );
    }
    let text = "His main concern was raised by the chairman of the Commons \
                education select committee, Labour MP Barry Sheerman.";
    assert!(has_link(&links(&g, text), "Labour", "Labour Party"));
}

/// Issue 20, headlines: an initial with its stop is no ordinary word,
/// even where a title-case headline makes capitals say nothing, so a
/// person's name goes on over it ("Michael B. Jordan", "Samuel L.
/// Jackson") and its last word is no place. HuffPost hp-009882 and
/// hp-007477 (in neither half).
#[test]
fn regression_an_initial_goes_on_a_name_in_a_headline() {
    let g = default();
    for text in [
        "This Michael B. Jordan Story Shows How DM-ing A Celebrity Can Pay \
         Off",
        "Samuel L. Jackson Has Rashida Tlaib's Back Over Her Remark",
    ] {
        let got = links(&g, text);
        assert!(links_none(&got, &["Jordan", "Jackson"]), "{got:?}");
    }
}

/// Issue 20, places of one name in two countries of about the same size
/// ("Georgia", the country and the US state; "Newcastle" in New South
/// Wales and another): the document's other places below a country's
/// scope choose ("Alabama And Georgia" is the state), or a word for a
/// party's members after the name ("Georgia Republican"); without them
/// neither is linked (a BBC story on the country's tax amnesty names no
/// other place; the brewer "Scottish and Newcastle" is not the Australian
/// city). HuffPost hp-003005 (in neither half) and BBC business stories.
#[test]
fn regression_the_documents_places_choose_among_places_of_one_name() {
    let g = default();
    let state = "geonames-4197000";
    let text = "Series Of Tornadoes Slam Into Alabama And Georgia, Killing \
                At Least 5\n\nThe swath of violent weather also toppled \
                trees, demolished homes and knocked out power to thousands.";
    let got: Vec<String> =
        g.annotate(text).into_iter().map(|m| m.id).collect();
    assert!(got.iter().any(|id| id == state), "{got:?}");
    let text = "Georgia plans hidden asset pardon\n\nGeorgia is offering a \
                one-off 'tax amnesty' to people who hid their earnings under \
                the regime of former president Eduard Shevardnadze.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "Georgia"), "{got:?}");
    // A word for a party's members after the name says it is the state
    // ("The Georgia Republican"; hp-001390, dev half; hp-001467, in
    // neither half), while a national party is named with its country.
    for text in [
        "Marjorie Taylor Greene's Personal Twitter Account Permanently \
         Suspended\n\nThe Georgia Republican was given the boot after \
         repeatedly violating Twitter's COVID-19 misinformation policy.",
        "Former Georgia Republican Sen. Johnny Isakson Dies At 76",
    ] {
        let got: Vec<String> =
            g.annotate(text).into_iter().map(|m| m.id).collect();
        assert!(got.iter().any(|id| id == state), "{got:?}");
    }
    let text = "The far-right Sweden Democrats won 20% of the vote.";
    assert!(links_none(&links(&g, text), &["Sweden"]));
    // The family name of a person the gazetteer lacks ("Michael Howard")
    // is no place, so it chooses no country for another (Cambridge in
    // England, Massachusetts or Ontario; bbc-politics-013).
    let text = "Tory leader Michael Howard has gone on the offensive. Howard \
                said so. Ms Robinson also revealed that as a Cambridge student \
                Mr Howard was much loved. \"I wasn't at Cambridge,\" she said.";
    let got: Vec<String> =
        g.annotate(text).into_iter().map(|m| m.id).collect();
    assert!(!got.contains(&"geonames-4931972".to_string()), "{got:?}");
    let text = "The UK's biggest brewer, Scottish and Newcastle (S&N), is to \
                buy 37.5% of India's United Breweries.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "Newcastle"), "{got:?}");
}

/// Issue 20, headlines: a document's first line with every word
/// capitalised is its title, though it has too few long ordinary words
/// for the share rule ("Is", "Back"), so the ordinary words after a name
/// there are no part of it ("Donald Trump Is Back On Twitter" names Donald
/// Trump). Later lines so written are mostly lists of names, where a
/// capital still counts ("S Orlando (Treviso)" is a player, not Orlando).
/// HuffPost hp-008680 (dev half) and hp-000662, a BBC sport story.
#[test]
fn regression_a_short_first_line_in_capitals_is_a_title() {
    let g = default();
    for text in [
        "Donald Trump Is Lovin' New McDonald's Jingle In 'Tonight Show' \
         Bit\n\nIt's catchy, all right.",
        "Donald Trump Is Back On Twitter\n\nThe former president's Truth \
         Social messages are being posted on Twitter, even though he's \
         supposed to be permanently banned.",
    ] {
        let got = links(&g, text);
        assert!(got.iter().any(|l| l.0 == "Donald Trump"), "{got:?}");
    }
    let text = "Dal Maso in to replace Bergamasco\n\nG Intoppa (Calvisano), \
                S Perugini (Calvisano), CA Del Fava (Parma), S Orlando \
                (Treviso), P Griffen (Calvisano), R Pedrazzi (Viadana), K \
                Robertson (Viadana).\n";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "Orlando"), "{got:?}");
}

/// Issue 20, party members: a party word before an alias that starts the
/// run says whose candidate or senator it is, and is no word of a longer
/// name ("Republican Senate Candidate" names the US Senate, "Democratic
/// Indiana senator" Indiana), as after an alias ("Texas Republican");
/// "GOP" is such a word ("Senate GOP" is the Senate's Republicans, and
/// names both). HuffPost hp-000362 and hp-005612 (dev half), hp-002566
/// and hp-007092.
#[test]
fn regression_a_party_word_before_an_alias_is_no_part_of_its_name() {
    let g = default();
    for (text, name) in [
        (
            "Republican Senate Candidate Charged With Making False Child \
             Trafficking Allegations",
            "United States Senate",
        ),
        (
            "Democratic Senate Hopeful In Missouri Mocks Opponent Who \
             Pointed Gun At BLM Protesters",
            "United States Senate",
        ),
        (
            "The former Democratic Indiana senator pushed for the landmark \
             1972 federal law banning discrimination against women in \
             college admissions and athletics.",
            "Indiana",
        ),
        (
            "White House Adviser: We Will Work 'Hand-In-Hand' With Senate \
             GOP On Impeachment",
            "United States Senate",
        ),
        (
            "White House Adviser: We Will Work 'Hand-In-Hand' With Senate \
             GOP On Impeachment",
            "Republican Party",
        ),
    ] {
        let got = links(&g, text);
        assert!(got.iter().any(|l| l.1 == name), "{name}: {got:?}");
    }
}

/// Issue 20, spans: an alias that starts inside another and ends after it
/// is the name, not the first alias and the rest ("The Bank of England"
/// is the bank, not the alias "The Bank" of Portsmouth and then England).
/// A BBC business story.
#[test]
fn regression_an_alias_that_ends_later_wins_over_one_that_starts_first() {
    let g = default();
    let text = "Bank opts to leave rates on hold\n\nThe Bank of England has \
                left interest rates on hold at 4.75% for a sixth month in a \
                row.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Bank of England"), "{got:?}");
    assert!(links_none(&got, &["England"]), "{got:?}");
}

/// Issue 20, recall: the English short names of countries that no staged
/// country source lists ("Britain", "America", "Burma") name the
/// countries (`data/default/news.tsv`). HuffPost hp-005485 and hp-002269
/// (dev half) and a BBC politics story.
#[test]
fn regression_english_short_names_of_countries() {
    let g = default();
    for (text, word, country) in [
        (
            "Iran has criticized Britain, France and Germany for failing to \
             salvage the pact.",
            "Britain",
            "United Kingdom",
        ),
        (
            "\"This is not the America we know,\" Minority Leader Kevin \
             McCarthy said of having to wear a mask in the Capitol.",
            "America",
            "United States",
        ),
        (
            "Mr Straw said it was wrong to put China under the same embargo \
             as countries such as Zimbabwe and Burma.",
            "Burma",
            "Myanmar",
        ),
    ] {
        let got = links(&g, text);
        assert!(has_link(&got, word, country), "{got:?}");
    }
}

/// Issue 20, demonyms: a country's demonym is no name of it, though a
/// country source lists it among its spellings ("Thai" for Thailand;
/// `scripts/prepare_default_sources.py` drops such aliases). A BBC
/// business story.
#[test]
fn regression_a_demonym_names_no_country() {
    let g = default();
    let text = "That move reportedly followed a protest from the Thai \
                government about the downstream impact of the dams.";
    let got = links(&g, text);
    assert!(links_none(&got, &["Thailand"]), "{got:?}");
}

/// Issue 20, titles of works: a name that alone fills a quotation is a
/// title or a word quoted as a word ("Fargo" among films, 'Philadelphia'
/// the film), not the place; a possessive is no quotation ("Tehran’s").
/// HuffPost hp-003474 (dev half), hp-007875 and hp-005485.
#[test]
fn regression_a_name_alone_in_quotation_marks_is_a_title() {
    let g = default();
    for text in [
        "Movies including \"Eternal Sunshine of the Spotless Mind,\" \
         \"Fargo\" and \"The Notebook\" are leaving Netflix.",
        "Tom Hanks Marks 25th Anniversary Of 'Philadelphia' In Powerful \
         Short",
    ] {
        let got = links(&g, text);
        assert!(got.is_empty(), "{got:?}");
    }
    let text = "Iran has criticized Britain, France and Germany for failing \
                to salvage the pact by shielding Tehran’s economy from U.S. \
                sanctions, reimposed since 2018.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Tehran"), "{got:?}");
}

/// Issue 20, spans: a mention never starts with an article, though the
/// alias it matched does ("The White House" is the mention "White
/// House"). A BBC business story.
#[test]
fn regression_a_mention_starts_with_no_article() {
    let g = default();
    let text = "The White House will announce its budget on Monday, and many \
                commentators believe the deficit will remain at close to half \
                a trillion dollars.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "White House"), "{got:?}");
    assert!(got.iter().all(|l| !l.0.starts_with("The ")), "{got:?}");
}

/// Issue 20, the prior: a small country is no small place, so the prior
/// may choose it among entities of its name ("Vatican", the city-state,
/// over the alias of Vatican City; "Gibraltar"). HuffPost hp-009439 (dev
/// half).
#[test]
fn regression_a_small_country_is_no_small_place() {
    let g = default();
    let text = "The EPA knew Vatican treasurer George Pell was under \
                investigation, but went ahead with the dinner during \
                Pruitt's trip to Italy.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Vatican"), "{got:?}");
}

/// Issue 20, persons: a person listed "FAMILY, First Middle" is not the
/// one met as "Middle FAMILY" with the listed first name left out ("John
/// Taylor", the US Treasury official, is not TAYLOR, Mark John of the
/// sanctions list), while the listed first name and family name still
/// link ("Vladimir Putin" for PUTIN, Vladimir Vladimirovich). Two BBC
/// business stories.
#[test]
fn regression_a_middle_name_first_names_someone_else() {
    let g = default();
    let text =
        "But US Treasury Under-Secretary John Taylor said the US could \
                not support the IFF because of its \"legislative process\".";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "John Taylor"), "{got:?}");
    let text = "Observers said that the move may represent a shift in \
                policy, as the administration of Vladimir Putin puts the \
                protection of national interests above free market dynamics.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.0 == "Vladimir Putin"), "{got:?}");
}

/// Issue 20, partial names: the words after "of" in a person's title
/// ("Prince of Wales") are a place, not the person's family name, so
/// "Wales" alone stays the nation. Two sentences of a BBC entertainment
/// story.
#[test]
fn regression_a_place_in_a_title_is_no_family_name() {
    let g = default();
    let text = "Leading actor Edward Fox is one of the men behind plans to \
                reopen a Swansea theatre thought to be Wales' oldest. He won \
                a TV Bafta as the Prince of Wales in 1980 for Edward and Mrs \
                Simpson.";
    let got = links(&g, text);
    assert!(has_link(&got, "Wales", "Wales"), "{got:?}");
}

/// Issue 20, persons: two given names the lexicon knows as different
/// names are no misspelling of each other, however alike they are spelt
/// ("Joyce Vance", the former US attorney, is not JD Vance). HuffPost
/// hp-008271 (in neither half).
#[test]
fn regression_another_given_name_is_another_person() {
    let g = default();
    let text = "I can pardon you in the future,\u{201d} Joyce Vance said on \
                MSNBC.";
    let got = links(&g, text);
    assert!(links_none(&got, &["JD Vance"]), "{got:?}");
}

/// Issue 20, nested names: a place's name before a party's name is the
/// party's branch there, one longer name ("The Oregon Republican Party"
/// is neither Oregon nor the national party; the run is not cut at the
/// party word, and the place is no title to leave out). HuffPost
/// hp-003307 (in neither half).
#[test]
fn regression_a_partys_branch_is_a_longer_name() {
    let g = default();
    let text = "The Oregon Republican Party falsely claimed the deadly U.S. \
                Capitol siege by Trump supporters was a Democratic plot to \
                discredit the ex-president.";
    let got = links(&g, text);
    assert!(links_none(&got, &["Republican Party", "Oregon"]), "{got:?}");
}

/// Issue 20, nested names: a possessive inside a name does not end it.
/// "Democratic People's Republic of Korea" is North Korea, not the
/// "Republic of Korea" after the possessive (South Korea). The sentence
/// is from the UN Security Council's consolidated list (a narrative
/// summary).
#[test]
fn regression_a_possessive_inside_a_name_does_not_end_it() {
    let g = default();
    let text = "Cho is believed to be in charge of overseas espionage \
                operations and foreign intelligence collection for the \
                Democratic People's Republic of Korea.";
    let got = links(&g, text);
    assert_eq!(
        got.iter().map(|l| (&*l.0, &*l.1)).collect::<Vec<_>>(),
        [("Democratic People's Republic of Korea", "North Korea")],
        "{got:?}"
    );
}

/// Issue 20, persons: a given name of another name than the gazetteer's
/// is known as one even when no entity of the gazetteer has it
/// ("Francesca" is in no name of the default gazetteer, so its artifact
/// keeps no group for it, and the lexicon test needs the whole lexicon):
/// Francesca Schiavone, the tennis player, is not SCHIAVONE, Francesco.
/// BBC sport, the seeds of a tournament.
#[test]
fn regression_a_given_name_no_entity_has_is_still_a_given_name() {
    let g = default();
    let text = "13 Karolina Sprem (Croatia)\n\n14 Francesca Schiavone \
                (Italy)\n\n15 Silvia Farina Elia (Italy)";
    let got = links(&g, text);
    assert!(got.iter().all(|l| !l.1.contains("SCHIAVONE")), "{got:?}");
    assert!(got.iter().any(|l| l.1 == "Croatia"), "{got:?}");
}

/// Issue 20, persons: whether a run starts with a given name is a fact of
/// the language, not of the gazetteer open. "Hayao" is in no name of the
/// default gazetteer, yet "Hayao Miyazaki" is a person's name, so
/// "Miyazaki" alone later is that man, not the Japanese city. BBC
/// entertainment.
#[test]
fn regression_a_given_name_no_entity_has_starts_a_persons_name() {
    let g = default();
    let text = "Oscar-winning animator Hayao Miyazaki's latest film, Howl's \
                Moving Castle, is to be released in 50 countries around the \
                world, its distributor has said.\n\nHowl's Moving Castle set \
                a Japanese box office record last week, taking 1.5bn yen \
                (pounds 7.7m) in its first two days. Miyazaki won an Oscar \
                earlier this year for Spirited Away, Japan's first Academy \
                Award for nearly 50 years.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "Miyazaki"), "{got:?}");
    assert!(got.iter().any(|l| l.1 == "Japan"), "{got:?}");
}

/// Issue 20, partial names: a family name with its particles ("De Niro",
/// "da Silva") is the document's person, and the mention takes the
/// particles in. "De Niro" at a sentence start is a run of two
/// capitalised words that names no one by itself; it is not a longer
/// name the gazetteer lacks (which would make "Niro" someone else's
/// family name). BBC entertainment and business.
#[test]
fn regression_a_family_name_with_its_particles_is_the_documents_person() {
    let (_dir, g) = gazetteer_of(
        r#"{"id": "q1", "name": "Robert De Niro", "type": "person"}"#,
    );
    let text =
        "Film star Robert De Niro has returned to the top of the North \
                American box office with his film Hide and Seek.\n\nThe \
                thriller shot straight to the number one spot after taking \
                dollars 22m (pounds 11.7m) at the box office. De Niro \
                recently spent three weeks at the top with comedy Meet The \
                Fockers.\n\nIn Hide and Seek, De Niro plays a widower whose \
                daughter has a creepy imaginary friend.";
    let got = links(&g, text);
    let de_niro = got.iter().filter(|l| l.0 == "De Niro").count();
    assert_eq!(de_niro, 2, "{got:?}");

    let g = default();
    let text = "Economic output declined 0.2% in 2003 and President Luiz \
                Inacio Lula da Silva - elected as Brazil's first \
                working-class president in 2002 - was strongly criticised \
                for pursuing a hardline economic policy.\n\nInvestors were \
                deeply suspicious of President da Silva, a former trade \
                union leader.";
    let got = links(&g, text);
    assert!(
        got.iter().any(|l| l.0 == "da Silva" && l.1.contains("Lula")),
        "{got:?}"
    );
}

/// Issue 20, partial names: a run that names no person (a group named
/// after one, "Cowboys for Trump", with a function word; a song's title
/// before a singer's given name, with ordinary words; an acronym before a
/// name) does not make its last word the family name of someone the
/// gazetteer lacks, which would leave every "Trump" of the document
/// unlinked. HuffPost hp-004739 (in neither half).
#[test]
fn regression_a_run_that_names_no_person_has_no_family_name() {
    let g = default();
    let text = "Trump Says 'Thank You' To Video Declaring 'The Only Good \
                Democrat Is A Dead Democrat'\n\nThe president shared a tweet \
                from Cowboys for Trump in which the group's founder told \
                rallygoers that they should protest stay-at-home orders.";
    let got = links(&g, text);
    assert_eq!(
        got.first().map(|l| (&*l.0, &*l.1)),
        Some(("Trump", "Donald Trump")),
        "{got:?}"
    );
}

/// Issue 20, spans: an organisation's generic word written in lower case
/// after its name is part of the name ("the Labour party"), but not after
/// a function word ("The base station" is no "The Base"). BBC politics
/// and technology.
#[test]
fn regression_a_generic_word_in_lower_case_ends_a_name() {
    let g = default();
    let text = "Mrs Hassan, 59, who led Care International operations in \
                Iraq, was abducted in Baghdad on 19 October. Mr Galloway was \
                expelled from the Labour party because of his staunch \
                opposition to the war on Iraq.";
    let got = links(&g, text);
    assert!(has_link(&got, "Labour party", "Labour Party"), "{got:?}");
    let text = "The data is transmitted alongside audio signals.\" The base \
                station processes the information.";
    let got = links(&g, text);
    assert!(got.is_empty(), "{got:?}");
}

/// Issue 20, places: the party letter of an American politician's label,
/// "(R-Texas)", is no initial of a name "R Texas": the state after it is
/// a mention. HuffPost hp-002766 (in neither half).
#[test]
fn regression_a_party_letter_is_no_initial() {
    let g = default();
    let text =
        "A Fox News appearance by Rep. Kevin Brady (R-Texas) ends with \
                laughter about trying to destroy American democracy for \
                personal gain.";
    let got = links(&g, text);
    assert!(has_link(&got, "Texas", "Texas"), "{got:?}");
}

/// Issue 20, places: "the city of" names a place, whatever the prior
/// says of a small town or of an alias it shares: "Hanau" is GeoNames'
/// alternate name of Hanau am Main, a town under the small-place
/// population. BBC technology.
#[test]
fn regression_the_city_of_names_a_place() {
    let g = default();
    let text = "Early next year travellers in the city of Hanau, near \
                Frankfurt, will be able to pay for tickets by passing their \
                phone over a smart-card reader.";
    let got = links(&g, text);
    assert!(has_link(&got, "Hanau", "Hanau am Main"), "{got:?}");
}

/// Issue 20, the default gazetteer: "NYC" is New York City (GeoNames lists
/// the abbreviation for Manhattan only). HuffPost hp-000078 (in neither
/// half).
#[test]
fn regression_nyc_is_new_york_city() {
    let g = default();
    let text = "Watch Harry Styles Pay Tribute To Queen Elizabeth II At NYC \
                Concert\n\n\u{201c}Please join me in a round of applause for \
                70 years of service,\u{201d} the pop star told the crowd after \
                he paused his Madison Square Garden performance.";
    let got = links(&g, text);
    assert!(has_link(&got, "NYC", "New York City"), "{got:?}");
}

/// Issue 20, sports: in a sports report (a score and the words of sport)
/// a country's or town's name stands for its team, which is no place.
/// BBC sport.
#[test]
fn regression_in_a_sports_report_a_place_is_its_team() {
    let g = default();
    let text = "Ireland 19-13 England\n\nIreland consigned England to their \
                third straight Six Nations defeat with a stirring victory at \
                Lansdowne Road.\n\nA second-half try from captain Brian \
                O'Driscoll and 14 points from Ronan O'Gara kept Ireland on \
                track for their first Grand Slam since 1948. England scored \
                first through Martin Corry but had \"tries\" from Mark Cueto \
                and Josh Lewsey disallowed. Andy Robinson's men have now \
                lost nine of their last 14 matches since the 2003 World Cup \
                final.";
    let got = links(&g, text);
    assert!(links_none(&got, &["England", "Ireland"]), "{got:?}");
    // Without a score, more words of sport make a sports report
    // (transfer news, a disciplinary case).
    let text = "Northampton coach Budge Pountney has been fined pounds \
                2,000 and banned from match-day coaching for six weeks for \
                calling a referee \"a disgrace\".\n\nPountney was found \
                guilty of bringing the game into disrepute at a Rugby \
                Football Union disciplinary hearing in London on Thursday \
                night. Pountney criticised referee Steve Lander's \
                performance in Northampton's defeat by Saracens on 5 \
                February. The last two weeks of the six-week ban are \
                suspended. Pountney pleaded guilty to the offence before a \
                panel consisting of chairman Robert Horner, Nigel \
                Gillingham and Jeff Probyn. The ban means former Scotland \
                international Pountney cannot enter the playing enclosure, \
                technical areas or go near the touchline, tunnel or \
                players and officials' areas on the day of a game.";
    let got = links(&g, text);
    assert!(links_none(&got, &["Northampton", "Scotland"]), "{got:?}");
    // Rugby squads are named by their caps and positions ("uncapped",
    // "flanker"; bbc-sport-379).
    let text = "Ireland call up uncapped Campbell\n\nUlster scrum-half Kieran \
                Campbell is one of five uncapped players included in \
                Ireland's RBS Six Nations squad.\n\nCampbell is joined by \
                Ulster colleagues Roger Wilson and Ronan McCormack along with \
                Connacht's Bernard Jackman and Munster's Shaun Payne. Gordon \
                D'Arcy is back after injury while Munster flanker Alan Quinlan \
                also returns to international consideration, coach Eddie \
                O'Sullivan said.";
    let got = links(&g, text);
    assert!(
        got.iter().all(|l| l.0 != "Ireland" && l.0 != "Munster"),
        "{got:?}"
    );
    // A hyphened position is a word of sport too ("fly-half"), and the
    // end of a journey is a place: "flown to Dublin", not "against
    // Ireland" (bbc-sport-338).
    let text = "Moody joins up with England\n\nLewis Moody has flown to \
                Dublin to join England's camp ahead of their RBS Six Nations \
                game against Ireland on Sunday.\n\nDespite joining the squad, \
                the Leicester flanker only has a slim chance of playing, said \
                coach Andy Robinson.\n\nRobinson has confirmed that fly-half \
                Charlie Hodgson will be the first-choice kicker despite his \
                three missed penalties and a drop goal against France.";
    let got = links(&g, text);
    assert!(has_link(&got, "Dublin", "Dublin"), "{got:?}");
    assert!(links_none(&got, &["England", "Ireland", "France"]), "{got:?}");
    // The same names outside a sports report are the places.
    let text = "Ireland consigned England to their third straight defeat.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "England"), "{got:?}");
}

/// Issue 20, ordinary words: a capitalised ordinary word names a big
/// place only by the place's own name as written, up to case, not once
/// its accents are folded away: "the Bush administration" is not Būsh, a
/// city of 136,000 in Egypt (the issue's own example). BBC business and
/// politics stories.
#[test]
fn regression_an_ordinary_word_is_not_a_place_spelt_with_accents() {
    let g = default();
    for text in [
        "Meanwhile, the Bush administration argues that the US deficit is \
         falling.",
        "End Bush 'denial' Blair tells EU\n\nTony Blair is to urge EU \
         leaders to end their denial.",
    ] {
        let got = links(&g, text);
        assert!(got.iter().all(|l| l.0 != "Bush"), "{got:?}");
    }
}

/// Issue 20, acronyms: letters the document defines in parentheses after
/// a name no entity was linked for stand for that name throughout the
/// document ("the Monetary Policy Committee (MPC)"), not for an entity
/// whose alias they are and whose name they spell too (MOBIN
/// PETROCHEMICAL COMPANY); a name that is the entity's own spelt
/// otherwise keeps it ("Food and Agriculture Organisation (FAO)"). BBC
/// business stories.
#[test]
fn regression_an_acronym_defined_for_an_unknown_name_stands_for_it() {
    let g = default();
    let text =
        "The Bank's Monetary Policy Committee (MPC) decided to take no \
                action amid mixed signals from the economy. Bank of England \
                governor Mervyn King has recently warned against placing too \
                much weight on one month's economic data, suggesting the MPC \
                is waiting for a clearer picture to emerge.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "MPC"), "{got:?}");
    let text =
        "The Food and Agriculture Organisation (FAO) recommend that the \
                food assistance is bought locally.";
    let got = links(&g, text);
    assert!(
        has_link(&got, "FAO", "Food and Agriculture Organization"),
        "{got:?}"
    );
    // The other way round: the acronym, then its name in parentheses (BBC
    // bbc-politics-359; blind samples 4 and 13).
    let text = "Consumer borrowing rose at a near-record pace in January. \
                \"If the MPC (the Bank of England's Monetary Policy \
                Committee) were to judge that inflation is rising, rates \
                will go up.\"";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "MPC"), "{got:?}");
    // Only the whole bracket defines it, not its last words.
    let text = "The UN (whose envoy toured Upper Nile) said aid was blocked. \
                The UN appealed.";
    let got = links(&g, text);
    assert!(has_link(&got, "UN", "United Nations"), "{got:?}");
}

/// Issue 20, nested names: a word in capitals keeps its meaning at a
/// sentence start ("US Airways" is a longer name there as anywhere, not
/// the pronoun "us" before the run "Airways"); in a shouted line it does
/// not ("WHO WAS OSCAR?"). BBC business and entertainment.
#[test]
fn regression_capitals_at_a_sentence_start_are_an_acronym() {
    let g = default();
    let text = "They said that many people have flu at this time of year and \
                that the airline is chronically understaffed.\n\nUS Airways \
                ended up cancelling over 100 flights on Christmas Day, \
                stranding passengers in as many as 119 airports. Ground crews \
                at US Airways, the seventh-largest US airline, said so.";
    let got = links(&g, text);
    let us = got.iter().filter(|l| l.1 == "United States").count();
    assert_eq!(us, 1, "only \"the seventh-largest US airline\": {got:?}");
    let text = "The first televised ceremony was in 1953, with Bob Hope as \
                the MC. WHO WAS OSCAR? There is no solid evidence as to how \
                the trophy became to be known as Oscar.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "WHO"), "{got:?}");
}

/// Issue 20, short capitals: a two-letter code names a place alone only
/// for the most populous countries ("US"); "PR" is public relations as
/// often as Puerto Rico, and links only where the document names the
/// place otherwise. BBC business (linked to Puerto Rico before).
#[test]
fn regression_a_small_places_two_letter_code_needs_support() {
    let g = default();
    let text =
        "And its owner, P&O Cruises - now part of the huge US Carnival \
                Corporation - was looking at a significant slice chopped off \
                this year's profits and a potential PR fiasco.";
    let got = links(&g, text);
    assert!(got.iter().all(|l| l.0 != "PR"), "{got:?}");
}

/// Issue 20, party words: a party word ending a run whose other words no
/// alias covers is the members of a body ("House GOP", the House's
/// Republicans): the run is no longer unknown name, and "GOP" is the
/// party. HuffPost hp-000515 (in neither half).
#[test]
fn regression_a_party_word_after_a_body_is_the_party() {
    let g = default();
    let text = "The congressman was one of 10 House GOP members who voted in \
                favor of impeaching Trump after the U.S. Capitol riot.";
    let got = links(&g, text);
    assert!(has_link(&got, "GOP", "Republican Party"), "{got:?}");
}

/// Issue 20, ships: a ship's name alone is the place, person or word it
/// is named after ("Devon", "Oasis"), unless the text calls it a ship.
/// BBC entertainment.
#[test]
fn regression_a_ships_name_alone_is_not_the_ship() {
    let g = default();
    let text =
        "Joss Stone, a 17-year-old soul singer from Devon, beat Dizzee \
                Rascal, Jamelia, Lemar and The Streets to win.\n\nOasis \
                singer Liam Gallagher has been fined.";
    let got = links(&g, text);
    assert!(links_none(&got, &["DEVON", "OASIS"]), "{got:?}");
}

/// Issue 20, given names: a given name alone is a place only by the
/// place's own name ("Florence"), not by an alias a city shares with it
/// ("Sina" for Sanandaj, "Rafa" for Rafah). BBC business.
#[test]
fn regression_a_given_name_is_no_citys_alias() {
    let g = default();
    let text = "China's Shanda buys stake in Sina\n\nChinese online game \
                operator Shanda Interactive Entertainment has bought a stake \
                in Sina.";
    let got = links(&g, text);
    assert!(links_none(&got, &["Sanandaj"]), "{got:?}");
    assert!(got.iter().any(|l| l.1 == "China"), "{got:?}");
}

/// Issue 20, nested names: a number right after a body's name makes a
/// longer name, a channel or an edition ("BBC 3", "FIFA 2005"), and a year
/// after a place's an event ("Beijing 2022"). BBC politics, a reader's
/// comment.
#[test]
fn regression_a_number_after_a_name_makes_a_longer_name() {
    let g = default();
    let text = "Brilliant, about time this country had a plausible \
                party!\n\nHaving seen the recent BBC 3 documentary and \
                witnessed the thoroughly disgraceful chauvinist remarks.";
    let got = links(&g, text);
    assert!(links_none(&got, &["BBC"]), "{got:?}");
    // A number that goes on is no part of a name.
    let text = "In the UK 69% of those questioned said they used it.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "United Kingdom"), "{got:?}");
}

/// Issue 20, recall: a day of the week right after a name ("in Paris
/// Saturday") made a longer name of both, which hid the place; found by
/// the el-news misses ("on CNN Saturday night"), tested on corpus text in
/// neither half.
#[test]
fn regression_a_day_after_a_name_dates_it() {
    let g = default();
    // American news dates an act with the day right after the name
    // (HuffPost): the day is no part of a longer name the gazetteer lacks.
    let text = "More than 500 firefighters were manning fire lines in \
                Arizona and New Mexico Friday, and more help was on the way.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "New Mexico"), "{got:?}");
    let text = "Sol Pais was the subject of an intensive manhunt after she \
                flew to Colorado from Florida Monday.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "Florida"), "{got:?}");
    // A show's name that fills a quotation keeps its day (HuffPost), and
    // after ordinary words the day is a named one.
    let text = "\"Who we have on the field is who we're gonna play,\" Scott \
                told \"Fox News Sunday.\"";
    assert!(links_none(&links(&g, text), &["Fox News"]));
    // A report of sport dates its matches otherwise: there a club may have
    // the day in its name (BBC).
    let text = "In May, he made a proposal to invest pounds 10m in Sheffield \
                Wednesday, but this was rejected by the club. The striker \
                scored twice in the league match and the coach praised the \
                squad after the goal.";
    assert!(links_none(&links(&g, text), &["Sheffield"]));
}

/// Issue 20, precision: a storm is named after no place ("Hurricane
/// Florence" is not Florence, Italy), and its name alone in the same
/// document is the storm too. HuffPost, in neither half; found by blind
/// sample 9.
#[test]
fn regression_a_storms_name_is_no_place() {
    let g = default();
    let text = "Trump Fumes Over Puerto Rico Toll As Death Count Rises For \
                Hurricane Florence\n\nAt least five deaths so far have been \
                linked to Florence, now a tropical storm.";
    let got = links(&g, text);
    assert!(links_none(&got, &["Florence"]), "{got:?}");
    assert!(got.iter().any(|l| l.1 == "Puerto Rico"), "{got:?}");
    // A storm's word elsewhere, not right before the name, names no storm.
    let text = "After the Storm, Florence reopened the Uffizi gallery.";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "Florence"), "{got:?}");
}

/// Issue 20, places of one name: a place's name followed by a comma and a
/// state or country is the namesake there ("Rochester, Minnesota", not
/// Rochester, New York); with none there, the gazetteer lacks the place
/// and no other namesake is linked. A list of places is no such name.
/// BBC and HuffPost text in neither half.
#[test]
fn regression_a_place_and_its_region_is_the_namesake_there() {
    let g = default();
    let ids = |text: &str| link_ids(&g, text);
    let text = "This was achieved during internal testing at IBM's \
                production facility in Rochester, Minnesota, though.";
    let got = ids(text);
    // Rochester, Minnesota (GeoNames 5043473); not New York's (5134086).
    assert!(
        got.contains(&("Rochester".into(), "geonames-5043473".into())),
        "{got:?}"
    );
    let text = "On Monday, Coors Light dropped off 150 cans of beer to Olive \
                Veronesi's house in Seminole, Pennsylvania.";
    let got = ids(text);
    assert!(!got.iter().any(|l| l.0 == "Seminole"), "{got:?}");
    assert!(got.iter().any(|l| l.0 == "Pennsylvania"), "{got:?}");
    let text = "It recently won government permission to fly to London, \
                Singapore and Kuala Lumpur.";
    let got = ids(text);
    for place in ["London", "Singapore", "Kuala Lumpur"] {
        assert!(got.iter().any(|l| l.0 == place), "{place}: {got:?}");
    }
    // A clause's comma is no qualifier: the region does not close the name.
    for (text, place) in [
        ("In Texas, Mexico has opened two new consulates.", "Texas"),
        ("At talks in Geneva, Iran agreed to limits.", "Geneva"),
        ("In London, Nigeria's president met the minister.", "London"),
    ] {
        let got = ids(text);
        assert!(got.iter().any(|l| l.0 == place), "{place}: {got:?}");
    }
    // Several namesakes in the region: the prior chooses among them (San
    // José the capital, GeoNames 3621849), not San Jose, California.
    let got = ids("San Jose, Costa Rica, is the capital.");
    assert!(
        got.contains(&("San Jose".into(), "geonames-3621849".into())),
        "{got:?}"
    );
}

/// Issue 20, places of one name: a place's name before an office or vote
/// of a state ("New York attorney general", "Georgia Governor") names the
/// state, never a city of that name; "New York" there is the state, which
/// the default gazetteer lacks. BBC and HuffPost text in neither half;
/// found by blind sample 11 (5 of its 14 errors).
#[test]
fn regression_a_states_office_names_the_state() {
    let g = default();
    let ids = |text: &str| link_ids(&g, text);
    let text = "The investigation by New York attorney general Eliot Spitzer \
                has now obtained nine guilty pleas.";
    let got = links(&g, text);
    assert!(links_none(&got, &["New York City"]), "{got:?}");
    // A vote is no office ("primary" is also an adjective).
    let got = links(&g, "London's primary airport is Heathrow.");
    assert!(got.iter().any(|l| l.1 == "London"), "{got:?}");
    // Georgia the US state (GeoNames 4197000), not the country.
    let got = ids("Stacey Abrams Announces Run For Georgia Governor In 2022");
    assert!(
        got.contains(&("Georgia".into(), "geonames-4197000".into())),
        "{got:?}"
    );
    // Elsewhere the city stays.
    let got = links(&g, "The New York subway flooded after the storm.");
    assert!(got.iter().any(|l| l.1 == "New York City"), "{got:?}");
}

/// Issue 20, data: the default gazetteer knows the major sports clubs by
/// their full names, so a club's name in a title-case headline is the
/// club, not its city (HuffPost hp-007607, in neither half; blind sample
/// 12), and a club's bare city stays the city.
#[test]
fn regression_a_clubs_full_name_is_the_club() {
    let g = default();
    let text = "Chicago Bears' Charles Leno Jr. Proposes To Girlfriend After \
                Victory";
    let got = links(&g, text);
    assert!(got.iter().any(|l| l.1 == "Chicago Bears"), "{got:?}");
    assert!(links_none(&got, &["Chicago"]), "{got:?}");
    let got = links(&g, "Flights to Chicago resumed on Monday.");
    assert!(got.iter().any(|l| l.1 == "Chicago"), "{got:?}");
}

/// Issue 20, spans: a word glued to the one before by a symbol is part of
/// it ("A$AP Rocky" names no news agency); a hyphen or slash still joins
/// two names. HuffPost hp-006416, in neither half; blind samples 11, 13.
#[test]
fn regression_a_word_glued_by_a_symbol_is_no_name() {
    let g = default();
    let text = "A$AP Rocky Charged With Assault In Sweden";
    let got = links(&g, text);
    assert!(links_none(&got, &["Associated Press"]), "{got:?}");
    assert!(got.iter().any(|l| l.1 == "Sweden"), "{got:?}");
    let got = links(&g, "Shares in US/UK firms rose. The AP reported it.");
    for name in ["United States", "United Kingdom", "Associated Press"] {
        assert!(got.iter().any(|l| l.1 == name), "{name}: {got:?}");
    }
}
