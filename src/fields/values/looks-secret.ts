// Environment variable names that look like they hold a secret (HF_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY, …):
// their values are not copied anywhere a person or a repository would read them.

/** Anywhere in the name: PGPASSWORD, GITHUB_TOKEN, MY_APIKEY. */
const SECRET_TEXT = /TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|PASSPHRASE|PRIVATE|API_?KEY|ACCESS_?KEY/i;
/** As a whole word of the name (split at _ . -): LICENSE_KEY, NPM_AUTH, DB_PASS — not KEYBOARD or PASSENGER. */
const SECRET_WORDS = new Set(['KEY', 'AUTH', 'PASS', 'PWD', 'PAT', 'COOKIE', 'SESSION', 'SALT', 'SIGNATURE', 'CERT']);

export function looksSecret(name: string): boolean {
  return SECRET_TEXT.test(name) || name.toUpperCase().split(/[_.-]/).some((word) => SECRET_WORDS.has(word));
}
