// image: what the container runs (with ":latest" when no tag, as the engine stores it). A built image without
// `image:` is named after the project and environment, as Compose does.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { text } from '../schema-parts.js';
import { RECREATE } from '../rules.js';
import { withDefaultTag } from '../values/normalize-image-ref.js';
import { parseImage } from '../values/parse-image.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  image: {
    get schema() {
      return Type.String(text('Image to run, e.g. pytorch/pytorch:2.4.0-cuda12.1-cudnn9-devel (":latest" when no tag).'));
    },
  },
};

export const image: Field<'image', string, typeof keys> = {
  name: 'image',
  prop: 'image',
  keys,
  normalize: ({ image }, ctx) => {
    const build = ctx.pathOf('build');
    if (image.value) return ctx.report(image.value.path, parseImage(String(image.value.value))) ?? '';
    if (build !== null) return ctx.report(build, parseImage(`${ctx.project}-${ctx.envName}`.toLowerCase())) ?? '';
    // Written but already reported (the schema's problem is said): nothing more to say here.
    if (ctx.pathOf('image') === null) {
      ctx.issue(
        ['environments', ctx.envName],
        `environment \`${ctx.envName}\` has no \`image\``,
        'add `image:` or `build:` to it or to `defaults`',
        true,
      );
    }
    // Built even when the image is missing or bad, so the checks across environments still see this one.
    return '';
  },
  container: {
    create: (v, body) => void (body.Image = v),
    observe: (i) => withDefaultTag(i.Config?.Image ?? ''),
  },
  service: {
    create: (v, spec) => void (containerSpec(spec).Image = v),
    // `docker service create/update` pins a tag to its digest (name:tag@sha256:…): still the image the spec names.
    observe: (spec) => (containerSpec(spec).Image ?? '').replace(/^(.*\/)?([^/:@]+:[^/:@]+)@sha256:[0-9a-f]{64}$/, '$1$2'),
  },
  change: RECREATE,
  present: { show: (v) => v },
  // The image is the line's first word after the options: the import feature reads it, not a flag.
  import: { flags: [], write: (v) => ({ image: v }) },
};
