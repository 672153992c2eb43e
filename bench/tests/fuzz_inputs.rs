//! A short run of the input fuzzing targets (the full 100,000-case run is `input_fuzz`): hostile
//! workspace.toml texts and JSONL lines never panic, and an import accounts for every line.

use claims_bench::fuzz;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn workspace_toml_never_panics(text in fuzz::toml_texts()) {
        let _ = fuzz::load_toml(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn jsonl_import_never_panics_and_accounts_for_every_line(
        lines in prop::collection::vec(fuzz::jsonl_lines(), 50)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = fuzz::fuzz_workspace(dir.path());
        fuzz::import_lines(&mut ws, &lines)?;
    }
}

#[test]
fn hostile_bundles_never_panic_nor_write_part_of_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let applied = fuzz::run_bundles(150, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(applied < 150, "most mutations must be refused");
}

#[test]
fn the_seed_bundle_applies_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fuzz::bundle_seed(&dir.path().join("seed"));
    let mut receiver = None;
    let into = dir.path().join("receiver");
    assert!(fuzz::apply_bundle(&mut receiver, &into, &seed).unwrap());
}

#[test]
fn the_seeds_themselves_are_accepted() {
    // If the seeds were refused, the mutations would only ever test the first error path.
    for seed in fuzz::TOML_SEEDS {
        assert!(fuzz::load_toml(seed), "{seed}");
    }
    let dir = tempfile::tempdir().unwrap();
    let mut ws = fuzz::fuzz_workspace(dir.path());
    let lines: Vec<String> = fuzz::LINE_SEEDS.iter().map(|l| l.to_string()).collect();
    let report = fuzz::import_lines(&mut ws, &lines).unwrap();
    assert!(report.bad.is_empty(), "{:?}", report.bad);
    assert_eq!((report.added, report.revised), (4, 1), "{report:?}");
    assert_eq!(ws.list(&Default::default()).unwrap().len(), 4);
}
