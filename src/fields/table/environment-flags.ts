// The docker run flags for variables (-e, --env-file), for import. An --env-file is referenced only when docker and
// envctl read every line of it alike.
import type { FlagMapping } from '../flag-mapping.js';
import { parseDotenv } from '../values/parse-dotenv.js';

export const environmentFlags: readonly FlagMapping[] = [
  {
    name: 'env',
    short: 'e',
    takesValue: true,
    apply: (d) => {
      const eq = d.value.indexOf('=');
      if (eq === 0) d.fail('the variable has no name');
      // A bare NAME takes its value from the environment when applied, as docker run takes it when run.
      d.entry('environment', eq === -1 ? d.value : d.value.slice(0, eq), eq === -1 ? null : d.value.slice(eq + 1));
    },
  },
  {
    name: 'env-file',
    takesValue: true,
    apply: (d) => {
      const abs = d.path(d.value);
      const text = d.readFile(abs);
      // docker takes each line literally; env_file strips quotes and comments. Only reference the file when both agree.
      const envctl = parseDotenv(text);
      text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trimStart();
        if (line === '' || line.startsWith('#')) return;
        const eq = line.indexOf('=');
        const key = eq === -1 ? line.trimEnd() : line.slice(0, eq);
        const dockerValue = eq === -1 ? undefined : line.slice(eq + 1);
        if (dockerValue === undefined || envctl.values[key] !== dockerValue) {
          d.fail(
            `line ${index + 1} of ${abs}${eq === -1 ? '' : ` ("${key}=…")`} means something else to docker (which keeps every character after "=") than to envctl's env_file`,
            'write plain KEY=value lines without quotes or comments, or pass those variables with -e',
          );
        }
      });
      d.push('env_file', abs);
    },
  },
];
