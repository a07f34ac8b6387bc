// Maps envctl's renderer choice to listr2 options, with a plain-text logger so 'simple' output never carries ANSI codes.
import { stripVTControlCharacters } from 'node:util';
import { ListrLogger, ListrLogLevels, type ListrBaseClassOptions, type LoggerFieldOptions } from 'listr2';

export type ApplyRenderer = 'default' | 'simple' | 'silent';

/**
 * listr2 colours the simple renderer's icons and its "[FAILED: …]" / "[SKIPPED: …]" suffixes whenever colorette thinks
 * the terminal supports colour (FORCE_COLOR in CI, for instance). Logs and CI output must be plain, so every line is
 * stripped of escape codes just before it is written.
 */
class PlainLogger extends ListrLogger<ListrLogLevels> {
  protected override format(level: ListrLogLevels, message: string | unknown[], options?: LoggerFieldOptions): string {
    return stripVTControlCharacters(super.format(level, message, options));
  }
}

function plainLogger(): PlainLogger {
  // Same split as listr2's own default: failures and skips to stderr, progress to stdout.
  return new PlainLogger({
    useIcons: true,
    toStderr: [ListrLogLevels.FAILED, ListrLogLevels.SKIPPED, ListrLogLevels.ROLLBACK, ListrLogLevels.RETRY],
  });
}

type RendererOptions = Pick<
  ListrBaseClassOptions<object, 'default' | 'simple' | 'silent', 'simple'>,
  'renderer' | 'rendererOptions' | 'fallbackRenderer' | 'fallbackRendererOptions' | 'silentRendererCondition'
>;

export function selectRenderer(renderer: ApplyRenderer): RendererOptions {
  switch (renderer) {
    case 'silent':
      // --json owns stdout; nothing else may write there.
      return { renderer: 'silent', silentRendererCondition: true };
    case 'simple':
      return { renderer: 'simple', rendererOptions: { logger: plainLogger() } };
    case 'default':
      // Animated on a TTY; listr2 falls back to plain lines by itself when stdout is not one (pipes, CI).
      return {
        renderer: 'default',
        rendererOptions: { collapseErrors: false, showErrorMessage: true },
        fallbackRenderer: 'simple',
        fallbackRendererOptions: { logger: plainLogger() },
      };
  }
}
