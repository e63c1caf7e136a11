// The vacancy the tests make: the DevOps engineer at SEO in the Home Office (the issue's
// example), as the preview's address carries it, and the same with a mistake in it.

/** The example's fields as the form sends them (the role and level select's value is
 * `role/level`). */
const EXAMPLE = { org: 'home-office', level: 'devops-engineer/devops-engineer', grade: 'SEO' };

/** The preview's query for the example vacancy. */
export const PREVIEW_QUERY = new URLSearchParams(EXAMPLE).toString();

/** The same with a grade that does not exist: the form comes back with its error summary. */
export const ERROR_QUERY = new URLSearchParams({ ...EXAMPLE, grade: 'SOE' }).toString();

/** The command line's arguments for the same vacancy. */
export const CLI_ARGS = ['--org', 'home-office', '--role', 'devops-engineer', '--level', 'devops-engineer', '--grade', 'SEO'];

/** The file names' stem, as the command line names the files. */
export const STEM = 'home-office-devops-engineer-seo';
