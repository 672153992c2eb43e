//! The plugin host with `isolation = "none"`: the library is loaded into the test process.
//!
//! One test only, in its own test binary, because it sets `CLAIMS_TEST_FAULT` for the faulty
//! plugin in this process, and only faults that leave the process alive are tried.

mod support;

use claims_core::plugin::{ABI_VERSION, Isolation, PluginError, PluginHost, PluginSpec};
use claims_plugin::{CheckRequest, ClaimView, ParseRequest};
use support::{c_example, faulty_plugin, one_line_naming};

fn set_fault(fault: &str) {
    // SAFETY: this binary has one test, and nothing else runs while it sets the variable.
    unsafe { std::env::set_var("CLAIMS_TEST_FAULT", fault) };
}

fn in_process(name: &str, path: &std::path::Path) -> PluginSpec {
    let mut spec = PluginSpec::new(name, path);
    spec.isolation = Isolation::InProcess;
    spec
}

#[test]
fn plugins_run_in_process_when_isolation_is_none() {
    assert_eq!("none".parse::<Isolation>().unwrap(), Isolation::InProcess);
    assert_eq!("process".parse::<Isolation>().unwrap(), Isolation::Process);
    assert!("thread".parse::<Isolation>().is_err());

    // Build everything first, so the environment is only touched afterwards.
    let faulty = faulty_plugin();
    let c = c_example();
    // Workers must never be started in process mode.
    let host = PluginHost::new("/nonexistent/claims-worker".into());
    let request = CheckRequest {
        claims: vec![ClaimView {
            id: "c1".into(),
            text: String::new(),
            ..ClaimView::default()
        }],
        sources: Vec::new(),
    };

    set_fault("wrong-abi");
    let err = host.open(&in_process("faulty-test", faulty)).unwrap_err();
    assert!(
        matches!(err, PluginError::WrongAbi { found, expected, .. }
            if found == ABI_VERSION + 41 && expected == ABI_VERSION),
        "{err:?}"
    );
    one_line_naming(&err, "faulty-test");

    set_fault("ok");
    let plugin = host.open(&in_process("faulty-test", faulty)).unwrap();
    assert_eq!(plugin.manifest().name, "faulty");
    assert_eq!(plugin.check(&request).unwrap()[0].claims, vec!["c1"]);
    let claims = plugin
        .parse(&ParseRequest {
            document: "It rained.".into(),
            ..ParseRequest::default()
        })
        .unwrap();
    assert_eq!(claims[0].text, "It rained.");

    set_fault("panic");
    let err = plugin.check(&request).unwrap_err();
    assert!(matches!(err, PluginError::Reported { .. }), "{err:?}");
    assert!(one_line_naming(&err, "faulty-test").contains("deliberate panic"));
    // The panic did not unwind into the host, and the plugin still works.
    set_fault("ok");
    assert_eq!(plugin.check(&request).unwrap().len(), 1);

    set_fault("invalid-json");
    let bent = host.open(&in_process("faulty-bent", faulty)).unwrap();
    let err = bent.check(&request).unwrap_err();
    assert!(matches!(err, PluginError::InvalidJson { .. }), "{err:?}");
    one_line_naming(&err, "faulty-bent");
    set_fault("ok");

    let c = host.open(&in_process("example-c", c)).unwrap();
    let findings = c.check(&request).unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "blank-text");
}
