// The prefix of every label envctl writes (dev.envctl.project, dev.envctl.env, …): the one definition of it.
export const LABEL_PREFIX = 'dev.envctl.';
