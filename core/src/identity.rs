//! Who makes a write: the analyst's name and email (from the environment or the user's
//! `claims config`, as git takes its author) and, when they made one with `claims identity new`,
//! their Ed25519 key. Both live in the user's configuration directory, never in a workspace:
//! a workspace is shared, a key is not.

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};

/// The user configuration file: `[user] name`, `email`.
pub const CONFIG_FILE: &str = "config.toml";
/// The secret key file.
pub const KEY_FILE: &str = "identity.key";
/// First line of a key file, so a stray file is never taken for a key.
const KEY_HEADER: &str = "claims-ed25519-secret-key-v1";
/// Longest accepted name or email, in bytes.
const MAX_FIELD: usize = 200;

/// Why an identity could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// Neither `$XDG_CONFIG_HOME` nor `$HOME` names a directory.
    #[error("no user configuration directory: set XDG_CONFIG_HOME or HOME")]
    NoConfigDir,
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// A file or variable holds something unusable.
    #[error("{where_}: {message}")]
    Invalid {
        /// The file or variable at fault.
        where_: String,
        /// What is wrong.
        message: String,
    },
    /// `identity new` would replace an existing key.
    #[error("{} already holds a key (pass --force to replace it; entries it signed stay verifiable by their stored public key)", .0.display())]
    KeyExists(PathBuf),
    /// An unknown `claims config` key.
    #[error("unknown setting `{0}` (known: user.name, user.email)")]
    UnknownSetting(String),
}

type Result<T> = std::result::Result<T, IdentityError>;

/// Who wrote an entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Analyst {
    /// Display name.
    pub name: String,
    /// Email, if known.
    pub email: Option<String>,
}

/// The analyst behind this process's writes, with their signing key if they have one.
#[derive(Clone)]
pub struct Identity {
    analyst: Analyst,
    key: Option<SigningKey>,
    key_path: Option<PathBuf>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("analyst", &self.analyst)
            .field("public_key", &self.public_key().map(|k| key_display(&k)))
            .finish()
    }
}

/// An entry's signature and the public key that checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signed {
    /// The Ed25519 public key.
    pub key: [u8; 32],
    /// The signature.
    pub signature: [u8; 64],
}

/// `claims/` in the user's configuration directory.
pub fn user_dir() -> Result<PathBuf> {
    crate::plugin::trust::config_dir()
        .map(|d| d.join("claims"))
        .ok_or(IdentityError::NoConfigDir)
}

fn invalid(where_: impl Into<String>, message: impl Into<String>) -> IdentityError {
    IdentityError::Invalid {
        where_: where_.into(),
        message: message.into(),
    }
}

/// A name or email as given, refused when it could not be shown or stored safely.
fn checked(where_: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.len() > MAX_FIELD {
        return Err(invalid(where_, format!("longer than {MAX_FIELD} bytes")));
    }
    if v.chars().any(char::is_control) {
        return Err(invalid(where_, "contains a control character"));
    }
    Ok(v.to_string())
}

fn read_small(path: &Path) -> Result<Option<String>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(IdentityError::Io {
                path: path.into(),
                source,
            });
        }
    };
    if !meta.is_file() {
        return Err(invalid(path.display().to_string(), "not a regular file"));
    }
    if meta.len() > 64 * 1024 {
        return Err(invalid(path.display().to_string(), "larger than 64 KiB"));
    }
    std::fs::read_to_string(path)
        .map(Some)
        .map_err(|source| IdentityError::Io {
            path: path.into(),
            source,
        })
}

/// The `[user]` settings of the user configuration file.
fn user_settings(dir: &Path) -> Result<(Option<String>, Option<String>)> {
    let path = dir.join(CONFIG_FILE);
    let Some(text) = read_small(&path)? else {
        return Ok((None, None));
    };
    let doc: toml::Table = toml::from_str(&text)
        .map_err(|e| invalid(path.display().to_string(), e.message().to_string()))?;
    let get = |k: &str| -> Result<Option<String>> {
        match doc.get("user").and_then(|u| u.get(k)) {
            None => Ok(None),
            Some(toml::Value::String(s)) => {
                checked(&format!("{} [user] {k}", path.display()), s).map(Some)
            }
            Some(_) => Err(invalid(
                path.display().to_string(),
                format!("[user] {k} must be a string"),
            )),
        }
    };
    Ok((get("name")?, get("email")?))
}

fn env_value(var: &str) -> Result<Option<String>> {
    match std::env::var(var) {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => checked(var, &v).map(Some),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(invalid(var, "not valid UTF-8")),
    }
}

impl Identity {
    /// The analyst from `CLAIMS_ANALYST_NAME`/`CLAIMS_ANALYST_EMAIL`, else the user config's
    /// `[user]`, else the login name; and the key in the user's config directory, if any.
    pub fn current() -> Result<Identity> {
        let dir = user_dir().ok();
        let (file_name, file_email) = match &dir {
            Some(d) => user_settings(d)?,
            None => (None, None),
        };
        let name = match env_value("CLAIMS_ANALYST_NAME")? {
            Some(n) => n,
            None => match file_name {
                Some(n) => n,
                None => env_value("USER")?
                    .or(env_value("LOGNAME")?)
                    .unwrap_or_else(|| "unknown".into()),
            },
        };
        let email = env_value("CLAIMS_ANALYST_EMAIL")?.or(file_email);
        let (key, key_path) = match &dir {
            Some(d) => {
                let path = d.join(KEY_FILE);
                (read_key(&path)?, Some(path))
            }
            None => (None, None),
        };
        Ok(Identity {
            analyst: Analyst { name, email },
            key,
            key_path,
        })
    }

    /// An identity with no key and a fixed analyst (benchmarks, tests, migrations).
    pub fn anonymous(name: &str) -> Identity {
        Identity {
            analyst: Analyst {
                name: name.into(),
                email: None,
            },
            key: None,
            key_path: None,
        }
    }

    /// Who writes.
    pub fn analyst(&self) -> &Analyst {
        &self.analyst
    }

    /// Where the key is (or would be) kept.
    pub fn key_path(&self) -> Option<&Path> {
        self.key_path.as_deref()
    }

    /// The public half of the key, when there is one.
    pub fn public_key(&self) -> Option<[u8; 32]> {
        self.key.as_ref().map(|k| k.verifying_key().to_bytes())
    }

    /// Signs `msg`, or None without a key.
    pub fn sign(&self, msg: &[u8]) -> Option<Signed> {
        self.key.as_ref().map(|k| Signed {
            key: k.verifying_key().to_bytes(),
            signature: k.sign(msg).to_bytes(),
        })
    }

    /// Makes a new key in the user's config directory and returns its public half and where
    /// the secret was written.
    pub fn generate(force: bool) -> Result<([u8; 32], PathBuf)> {
        let dir = user_dir()?;
        let path = dir.join(KEY_FILE);
        if !force && std::fs::symlink_metadata(&path).is_ok() {
            return Err(IdentityError::KeyExists(path));
        }
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| IdentityError::Io {
            path: path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let key = SigningKey::from_bytes(&seed);
        let text = format!("{KEY_HEADER}\n{}\n", crate::model::Hash(seed).to_hex());
        let io = |source| IdentityError::Io {
            path: path.clone(),
            source,
        };
        crate::plugin::trust::create_private_dir(&dir).map_err(io)?;
        crate::workspace::stage_bytes(&path, text.as_bytes(), 0o600)
            .and_then(|s| s.commit_bytes())
            .map_err(|(_, e)| io(e))?;
        Ok((key.verifying_key().to_bytes(), path))
    }
}

/// Reads a key file; a file that is not exactly a key is an error naming it.
fn read_key(path: &Path) -> Result<Option<SigningKey>> {
    let Some(text) = read_small(path)? else {
        return Ok(None);
    };
    let bad = |m: &str| invalid(path.display().to_string(), m.to_string());
    let mut lines = text.lines();
    if lines.next() != Some(KEY_HEADER) {
        return Err(bad(
            "not a claims key file (first line is not the key header)",
        ));
    }
    let seed = lines
        .next()
        .and_then(|l| crate::model::Hash::from_hex(l.trim()))
        .ok_or_else(|| bad("the key is not 64 hex digits"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|source| IdentityError::Io {
                path: path.into(),
                source,
            })?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(bad(&format!(
                "readable by others (mode {:o}); run `chmod 600` on it",
                mode & 0o777
            )));
        }
    }
    Ok(Some(SigningKey::from_bytes(&seed.0)))
}

/// Checks an Ed25519 signature strictly; any malformed key or signature is simply false.
pub fn verify(key: &[u8], msg: &[u8], signature: &[u8]) -> bool {
    let (Ok(key), Ok(sig)) = (<[u8; 32]>::try_from(key), <[u8; 64]>::try_from(signature)) else {
        return false;
    };
    let Ok(vk) = VerifyingKey::from_bytes(&key) else {
        return false;
    };
    vk.verify_strict(msg, &ed25519_dalek::Signature::from_bytes(&sig))
        .is_ok()
}

/// How a public key is shown: `ed25519:` and its hex.
pub fn key_display(key: &[u8; 32]) -> String {
    format!("ed25519:{}", crate::model::Hash(*key).to_hex())
}

/// The known `claims config` settings and their current values from the user config file.
pub fn settings() -> Result<Vec<(&'static str, Option<String>)>> {
    let (name, email) = user_settings(&user_dir()?)?;
    Ok(vec![("user.name", name), ("user.email", email)])
}

/// Sets `user.name` or `user.email` in the user config file, keeping its comments.
pub fn set_setting(key: &str, value: &str) -> Result<()> {
    let field = match key {
        "user.name" => "name",
        "user.email" => "email",
        _ => return Err(IdentityError::UnknownSetting(key.into())),
    };
    let value = checked(key, value)?;
    let dir = user_dir()?;
    let path = dir.join(CONFIG_FILE);
    let text = read_small(&path)?.unwrap_or_default();
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| invalid(path.display().to_string(), e.message()))?;
    if !doc.contains_table("user") {
        doc["user"] = toml_edit::table();
    }
    doc["user"][field] = toml_edit::value(value);
    let io = |source| IdentityError::Io {
        path: path.clone(),
        source,
    };
    crate::plugin::trust::create_private_dir(&dir).map_err(io)?;
    crate::workspace::stage_bytes(&path, doc.to_string().as_bytes(), 0o600)
        .and_then(|s| s.commit_bytes())
        .map_err(|(_, e)| io(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify() {
        let id = Identity {
            key: Some(SigningKey::from_bytes(&[9; 32])),
            ..Identity::anonymous("a")
        };
        let s = id.sign(b"msg").expect("has a key");
        assert!(verify(&s.key, b"msg", &s.signature));
        assert!(!verify(&s.key, b"msh", &s.signature));
        let mut sig = s.signature;
        sig[5] ^= 1;
        assert!(!verify(&s.key, b"msg", &sig));
        assert!(!verify(&[0xff; 32], b"msg", &s.signature));
        assert!(!verify(&s.key[..31], b"msg", &s.signature));
        assert!(Identity::anonymous("a").sign(b"x").is_none());
    }
}
