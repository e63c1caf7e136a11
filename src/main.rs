//! The `jobgen` binary: parse the command line, run the command, report any error, choose the
//! exit code. Nothing here panics on a closed or full output stream.

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    // clap prints help and usage errors itself (exit 0 and 2), ignoring a closed stream.
    let cli = cli::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // Standard error is locked per message, never for the whole run: the progress bar and the
    // planning spinner draw on it from other threads, which would wait for the lock forever.
    let mut err = std::io::stderr();
    let mut console = cmd::Console::new(&mut out, &mut err, cmd::Settings::new(&cli));
    let code = match cmd::run(cli, &mut console) {
        Ok(()) => 0,
        // A closed pipe (`jobgen list roles | head`) is the reader's choice, not a failure.
        Err(jobgen::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            console.report_all(&e.diagnostics());
            e.exit_code()
        }
    };
    let code = match (code, console.flush()) {
        (0, Err(_)) => 3,
        (code, _) => code,
    };
    // Warnings that could not be written to standard error make a successful run fail with
    // the output-failure code; an error keeps its own code.
    let code = if code == 0 && console.stderr_failed {
        3
    } else {
        code
    };
    std::process::exit(code);
}
