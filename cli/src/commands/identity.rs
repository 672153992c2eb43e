//! `claims identity` and `claims config`: the analyst behind this user's writes. Neither needs
//! a workspace.

use claims_core::identity::{self, Identity};
use std::process::ExitCode;

use crate::args::{ConfigCommand, IdentityCommand};
use crate::render;

/// Makes or shows the signing key.
pub fn identity(cmd: IdentityCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        IdentityCommand::New { force, json } => {
            let (key, path) = Identity::generate(force)?;
            if json.json {
                render::json(&serde_json::json!({
                    "key": identity::key_display(&key),
                    "key_file": path.display().to_string(),
                }))?;
                return Ok(ExitCode::SUCCESS);
            }
            outln!("{}", identity::key_display(&key));
            outln!(
                "secret key written to {} (keep it private; every entry you write from now on is signed with it)",
                path.display()
            );
        }
        IdentityCommand::Show { json } => {
            let id = Identity::current()?;
            let key = id.public_key().map(|k| identity::key_display(&k));
            let path = id.key_path().map(|p| p.display().to_string());
            if json.json {
                render::json(&serde_json::json!({
                    "name": id.analyst().name,
                    "email": id.analyst().email,
                    "key": key,
                    "key_file": path,
                }))?;
            } else {
                outln!(
                    "{}{}",
                    id.analyst().name,
                    id.analyst()
                        .email
                        .as_ref()
                        .map(|m| format!(" <{m}>"))
                        .unwrap_or_default()
                );
                match key {
                    Some(k) => outln!("{k} ({})", path.unwrap_or_default()),
                    None => outln!("no signing key (make one with `claims identity new`)"),
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads or writes a user setting.
pub fn config(cmd: ConfigCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ConfigCommand::Get { key } => {
            let all = identity::settings()?;
            let Some((_, value)) = all.into_iter().find(|(k, _)| *k == key) else {
                return Err(identity::IdentityError::UnknownSetting(key).into());
            };
            match value {
                Some(v) => outln!("{v}"),
                None => return Ok(ExitCode::from(1)),
            }
        }
        ConfigCommand::Set { key, value, json } => {
            identity::set_setting(&key, &value)?;
            if json.json {
                render::json(&serde_json::json!({ "key": key, "value": value }))?;
            }
        }
        ConfigCommand::List { json } => {
            let all = identity::settings()?;
            if json.json {
                let map: serde_json::Map<String, serde_json::Value> = all
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.map_or(serde_json::Value::Null, Into::into)))
                    .collect();
                render::json(&map)?;
            } else {
                for (k, v) in all {
                    if let Some(v) = v {
                        outln!("{k}={v}");
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
