//! `jobgen new-org`: scaffold a department, and prove it renders before saying so.

use std::path::{Path, PathBuf};

use jobgen::request::Request;
use jobgen::{Error, Session};

use super::Console;

/// Creates `DIR/orgs/ID/` under the first `--data` folder (default `./data`).
pub fn run(
    data_dirs: &[PathBuf],
    templates: Option<&Path>,
    id: &str,
    name: &str,
    console: &mut Console<'_>,
) -> Result<(), Error> {
    let data = data_dirs
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("data"));
    let written = jobgen::scaffold::new_org(&data, id, name)?;
    // Prove that the new department works before saying so; if it does not (other data in the
    // folder is broken, say), take the new files away again, so that a retry starts afresh.
    let mut dirs = data_dirs.to_vec();
    if dirs.is_empty() {
        dirs.push(data.clone());
    }
    if let Err(e) = prove(&dirs, templates, id) {
        for p in &written {
            let _ = std::fs::remove_file(p);
        }
        // Only folders left empty go: remove_dir refuses the others.
        let org_dir = data.join("orgs").join(id);
        let _ = std::fs::remove_dir(org_dir.join("templates"));
        let _ = std::fs::remove_dir(&org_dir);
        return Err(e);
    }
    for p in &written {
        console.line(p.display())?;
    }
    console.say(&format!(
        "Created {name}. Edit {}, then write an advert with:\n  jobgen --data {} generate --org {id} --role devops-engineer --level devops-engineer",
        written[0].display(),
        data.display()
    ));
    Ok(())
}

/// Writes a DevOps advert for the new department, in memory.
fn prove(dirs: &[PathBuf], templates: Option<&Path>, id: &str) -> Result<(), Error> {
    let session = Session::load(dirs, templates)?;
    let request = Request::default()
        .with_flag("org", id)
        .with_flag("role", "devops-engineer")
        .with_flag("level", "devops-engineer");
    session.generate(&request, "advert", &[jobgen::Format::MD])?;
    Ok(())
}
