// The vacancy the tests make: the DevOps engineer at SEO in the Home Office (the issue's
// example), as the preview's address carries it, and the same with a mistake in it.

/** The example's fields as the form sends them (the role and level select's value is
 * `role/level`). */
const EXAMPLE = { org: 'home-office', level: 'devops-engineer/devops-engineer', grade: 'SEO' };


/** The same with a grade that does not exist: the form comes back with its error summary. */
export const ERROR_QUERY = new URLSearchParams({ ...EXAMPLE, grade: 'SOE' }).toString();

/** The command line's arguments for the same vacancy. */
export const CLI_ARGS = ['--org', 'home-office', '--role', 'devops-engineer', '--level', 'devops-engineer', '--grade', 'SEO'];

/** The file names' stem, as the command line names the files. */
export const STEM = 'home-office-devops-engineer-seo';

/**
 * What a recruiter fills in besides the selects, so that every format can be written (the
 * Civil Service Jobs export needs these): each field's label in the form, its vacancy key and
 * the value, as typed in the form and as the same vacancy's YAML gives it.
 */
export const DETAILS = [
  { label: 'Salary', key: 'salary', value: '£45,000 to £50,000' },
  { label: 'Contract type', key: 'contract_type', value: 'Permanent' },
  { label: 'Working pattern', key: 'working_pattern', value: 'Full-time, Part-time, Job share' },
  { label: 'Number of jobs available', key: 'number_of_jobs', value: '2' },
  { label: 'Location', key: 'location', value: 'Sheffield, Croydon or Manchester' },
  { label: 'Nationality requirements', key: 'nationality', value: 'non-reserved', select: true },
  {
    label: 'Person specification',
    key: 'person_specification',
    value: 'essential:\n  - experience of building and running deployment pipelines\ndesirable:\n  - experience of a public cloud platform such as AWS or Azure',
  },
  {
    label: 'Selection process details',
    key: 'selection',
    value: 'cv: true\nstatement_words: 750\ninterview:\n  format: video\n  minutes: 60',
  },
  {
    label: 'Contact point for applicants',
    key: 'contact',
    value: 'name: DDaT Recruitment Team\nemail: ddat.recruitment@example.gov.uk',
  },
];

/** The closing date, as the date input's three fields and as YAML. */
export const CLOSING_DATE = { day: '28', month: '1', year: '2027', yaml: '2027-01-28' };

/** The whole vacancy as a vacancy file: the selects, DETAILS and the closing date. */
export function vacancyYaml() {
  const lines = ['org: home-office', 'role: devops-engineer', 'level: devops-engineer', 'grade: SEO'];
  for (const d of DETAILS) {
    if (d.value.includes('\n')) lines.push(`${d.key}:`, ...d.value.split('\n').map((l) => `  ${l}`));
    else lines.push(`${d.key}: ${JSON.stringify(d.value)}`);
  }
  lines.push(`closing_date: ${CLOSING_DATE.yaml}`);
  return `${lines.join('\n')}\n`;
}

/** The preview's query for the whole vacancy, as the form sends it. */
export const PREVIEW_QUERY = new URLSearchParams({
  ...EXAMPLE,
  ...Object.fromEntries(DETAILS.map((d) => [d.key, d.value])),
  'closing_date-day': CLOSING_DATE.day,
  'closing_date-month': CLOSING_DATE.month,
  'closing_date-year': CLOSING_DATE.year,
}).toString();
