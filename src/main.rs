//! The `jobgen` binary: parse the command line, run it, print any error, choose the exit code.

use clap::Parser;

fn main() {
    let cli = jobgen::cli::Cli::parse();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let result = jobgen::cli::run(cli, &mut stdout.lock(), &mut stderr.lock());
    if let Err(e) = result {
        // A closed pipe (`jobgen list roles | head`) is the reader's choice, not a failure.
        if let jobgen::Error::Io(io) = &e
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return;
        }
        eprintln!("{e}");
        std::process::exit(e.exit_code());
    }
}
