//! `claims source add | list | show`

use claims_core::Workspace;
use claims_core::config::Source;
use std::process::ExitCode;

use crate::args::SourceCommand;
use crate::render::{self, Fit};

/// Dispatches the source subcommands.
pub fn run(mut ws: Workspace, cmd: SourceCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        SourceCommand::Add {
            key,
            name,
            kind,
            country,
            state_affiliated,
            aliases,
            depends_on,
            json,
        } => {
            let src = Source {
                key: key.clone(),
                name,
                kind,
                country,
                state_affiliated,
                aliases,
                depends_on,
                trust_prior: None,
            };
            ws.add_sources(&[src])?;
            if json.json {
                render::json(&ws.config().sources[&key])?;
            } else {
                outln!("Added source {key} to {}", ws.config().path.display());
            }
        }
        SourceCommand::List { json } => {
            let sources: Vec<&Source> = ws.config().sources.values().collect();
            if json.json {
                render::json(&sources)?;
            } else if sources.is_empty() {
                outln!(
                    "No sources declared yet: add one with `claims source add KEY --name NAME --kind KIND`."
                );
            } else {
                let mut t = render::table(&[
                    ("KEY", Fit::Whole),
                    ("NAME", Fit::Prose),
                    ("KIND", Fit::Whole),
                    ("COUNTRY", Fit::Whole),
                    ("ALIASES", Fit::Prose),
                    ("RELAYS", Fit::Prose),
                ]);
                for s in sources {
                    let mut kind = s.kind.to_string();
                    if s.state_affiliated {
                        kind.push_str(" (state)");
                    }
                    t.add_row(vec![
                        s.key.clone(),
                        s.name.clone(),
                        kind,
                        s.country.clone().unwrap_or_default(),
                        s.aliases.join(", "),
                        s.depends_on.join(", "),
                    ]);
                }
                outln!("{t}");
            }
        }
        SourceCommand::Show { key, json } => {
            let s = ws.config().require(&key)?;
            if json.json {
                render::json(s)?;
            } else {
                outln!("key         {}", s.key);
                outln!("name        {}", s.name);
                outln!(
                    "kind        {}{}",
                    s.kind,
                    if s.state_affiliated {
                        " (state-affiliated)"
                    } else {
                        ""
                    }
                );
                if let Some(c) = &s.country {
                    outln!("country     {c}");
                }
                if !s.aliases.is_empty() {
                    outln!("aliases     {}", s.aliases.join(", "));
                }
                if !s.depends_on.is_empty() {
                    outln!("relays      {}", s.depends_on.join(", "));
                }
                if let Some(p) = s.trust_prior {
                    outln!("trust prior {p}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
