// Config options mimamori no longer knows, each with what replaced it. An upgrade that drops or renames an option must
// not leave a team with a bare "unknown option": the config's validation names the replacement instead.

/** Top-level option → what to write instead (a sentence, shown after "… is no longer an option: "). */
export type RenamedOptions = Readonly<Record<string, string>>;

/** None yet. An entry looks like `webServr: 'use webServer (renamed in 0.2)'`. */
export const RENAMED_OPTIONS: RenamedOptions = {};
