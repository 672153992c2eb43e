//! Where plugin libraries are looked for, and what their files are called.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::error::PluginError;

/// Environment variable listing extra plugin directories, separated like `PATH` (`:` on Unix).
pub const PLUGIN_PATH_ENV: &str = "CLAIMS_PLUGIN_PATH";

/// The directories searched for plugins, in order: `CLAIMS_PLUGIN_PATH`, the workspace's
/// `.claims/plugins/`, then the directory of the `claims` executable.
pub fn search_path(workspace_root: &Path, exe_dir: &Path) -> Vec<PathBuf> {
    search_path_with(std::env::var_os(PLUGIN_PATH_ENV), workspace_root, exe_dir)
}

/// [`search_path`] with the variable's value given, so it can be tested without the environment.
fn search_path_with(env: Option<OsString>, workspace_root: &Path, exe_dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = env
        .map(|value| {
            std::env::split_paths(&value)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    dirs.push(workspace_root.join(".claims").join("plugins"));
    dirs.push(exe_dir.to_path_buf());
    let mut seen = Vec::with_capacity(dirs.len());
    dirs.retain(|d| {
        let new = !seen.contains(d);
        if new {
            seen.push(d.clone());
        }
        new
    });
    dirs
}

/// The file name of a plugin's library on this platform: `news-article` → `libnews_article.so`.
pub fn library_file_name(name: &str) -> String {
    format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        name.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    )
}

/// The first library for plugin `name` in `dirs`, or a not-found error listing where it looked.
pub fn find_library(name: &str, dirs: &[PathBuf]) -> Result<PathBuf, PluginError> {
    let file = library_file_name(name);
    dirs.iter()
        .map(|dir| dir.join(&file))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| PluginError::NotFound {
            plugin: name.to_string(),
            looked_for: format!(
                "{file} in {}",
                if dirs.is_empty() {
                    "no directories".to_string()
                } else {
                    dirs.iter()
                        .map(|d| d.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_names_follow_the_platform() {
        let name = library_file_name("news-article");
        assert!(name.contains("news_article"));
        #[cfg(target_os = "linux")]
        assert_eq!(name, "libnews_article.so");
    }

    #[test]
    fn search_path_puts_the_environment_first() {
        let env = std::env::join_paths(["/a", "/b"]).unwrap();
        let dirs = search_path_with(Some(env), Path::new("/ws"), Path::new("/bin"));
        assert_eq!(
            dirs,
            vec![
                PathBuf::from("/a"),
                PathBuf::from("/b"),
                PathBuf::from("/ws/.claims/plugins"),
                PathBuf::from("/bin"),
            ]
        );
        let dirs = search_path_with(None, Path::new("/ws"), Path::new("/bin"));
        assert_eq!(dirs.len(), 2);
    }

    #[test]
    fn find_library_takes_the_first_match_and_says_where_it_looked() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        let file = library_file_name("news-article");
        std::fs::write(second.path().join(&file), b"").unwrap();
        let dirs = vec![first.path().to_path_buf(), second.path().to_path_buf()];
        assert_eq!(
            find_library("news-article", &dirs).unwrap(),
            second.path().join(&file)
        );
        let err = find_library("absent", &dirs).unwrap_err().to_string();
        assert!(err.contains("`absent`") && err.contains(&library_file_name("absent")));
        assert!(!err.contains('\n'));
    }
}
