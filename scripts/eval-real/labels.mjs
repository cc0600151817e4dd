// Hand labels of the real-corpus evaluation (npm run eval:real): finding keys,
// the label files (eval/labels/<family>.tsv), the stable sample, the tallies.
import { createHash } from 'node:crypto';

export const VERDICTS = ['true', 'debatable', 'false'];
export const SAMPLE_SIZE = 60;

/**
 * The key of a finding: `file:line:ruleId`, followed by the first quoted part
 * of the message (a heading, a placeholder, a field: a few words) when there
 * is one (long quotes shortened), so that two findings on one line (several
 * missing sections reported at line 1) keep apart.
 */
export function findingKey(file, message) {
  const quoted = /"([^"]*)"/.exec(message.message ?? '')?.[1];
  const base = `${file}:${message.line}:${message.ruleId ?? 'fatal'}`;
  if (quoted === undefined) return base;
  const words = quoted.replace(/\s+/g, ' ').trim();
  if (words.length <= 80) return `${base} "${words}"`;
  // A long quote: its start and a short hash of the whole, so that two long headings with one start keep apart.
  return `${base} "${words.slice(0, 72)}…${createHash('sha256').update(words).digest('hex').slice(0, 6)}"`;
}

/**
 * Parse a label file: one label a line, `key<TAB>verdict<TAB>reason`; blank
 * lines and lines starting with `#` are ignored. A false or debatable label
 * needs a reason. Returns the labels and one message per bad line.
 */
export function parseLabels(text, source = 'labels') {
  const labels = new Map();
  const errors = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.startsWith('#')) return;
    const [key, verdict, ...rest] = line.split('\t');
    const reason = rest.join(' ').trim();
    const where = `${source}:${i + 1}`;
    if (!key || !VERDICTS.includes(verdict ?? '')) {
      errors.push(`${where}: expected "key<TAB>true|false|debatable<TAB>reason"`);
      return;
    }
    if (verdict !== 'true' && reason === '') {
      errors.push(`${where}: a ${verdict} label needs a one-line reason`);
      return;
    }
    if (labels.has(key)) {
      // The same verdict twice (two branches labelled one finding) is harmless; two verdicts are not.
      if (labels.get(key).verdict !== verdict) errors.push(`${where}: "${key}" is labelled both ${labels.get(key).verdict} and ${verdict}`);
      return;
    }
    labels.set(key, { verdict, reason });
  });
  return { labels, errors };
}

/** Format one label line (the inverse of parseLabels). */
export function formatLabel(key, verdict, reason = '') {
  return reason ? `${key}\t${verdict}\t${reason}` : `${key}\t${verdict}`;
}

const rank = (key) => createHash('sha256').update(key).digest('hex');

/**
 * The findings to label: all of them when there are `size` or fewer, else the
 * `size` whose keys hash lowest. A finding's place in the sample depends on its
 * key only, so the sample is the same on every run and a finding stays in it
 * as long as it is produced and no lower-hashing newcomer pushes it out.
 */
export function sampleKeys(keys, size = SAMPLE_SIZE) {
  const unique = [...new Set(keys)];
  if (unique.length <= size) return unique;
  return unique
    .map((key) => ({ key, rank: rank(key) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, size)
    .map((e) => e.key);
}

/**
 * Precision as the issue defines it, true / (true + false), debatable findings
 * left out; lenient precision counting debatable findings as true; strict
 * precision counting them as false. Each null without the labels it needs.
 */
export function precision(t, d, f) {
  const n = t + d + f;
  return {
    precision: t + f === 0 ? null : t / (t + f),
    lenient: n === 0 ? null : (t + d) / n,
    strict: n === 0 ? null : t / n,
  };
}

/**
 * Compare a family's findings (their keys) with its labels: how many there
 * are, how many are in the sample, and of those how many are labelled true,
 * debatable, false, or not at all (and the reasons of the false and debatable
 * ones, counted); labels no finding has any more are stale.
 */
export function tally(keys, labels, size = SAMPLE_SIZE) {
  const unique = new Set(keys);
  const sample = sampleKeys([...unique], size);
  const counts = { true: 0, debatable: 0, false: 0 };
  const unlabelled = [];
  const reasons = { false: {}, debatable: {} };
  for (const key of sample) {
    const label = labels.get(key);
    if (!label) {
      unlabelled.push(key);
      continue;
    }
    counts[label.verdict] += 1;
    if (label.verdict !== 'true') reasons[label.verdict][label.reason] = (reasons[label.verdict][label.reason] ?? 0) + 1;
  }
  const stale = [...labels.keys()].filter((k) => !unique.has(k)).length;
  return {
    findings: keys.length,
    sampled: sample.length,
    labelled: counts.true + counts.debatable + counts.false,
    ...counts,
    ...precision(counts.true, counts.debatable, counts.false),
    unlabelled,
    stale,
    sample,
    reasons,
  };
}

/** Sum tallies (pooled over families), with how often each reason of a false or debatable label occurs. */
export function sumTallies(tallies) {
  const s = { findings: 0, sampled: 0, labelled: 0, true: 0, debatable: 0, false: 0, unlabelled: 0, stale: 0, reasons: { false: {}, debatable: {} } };
  for (const t of tallies) {
    for (const k of ['findings', 'sampled', 'labelled', 'true', 'debatable', 'false', 'stale']) s[k] += t[k];
    s.unlabelled += t.unlabelled.length;
    for (const v of ['false', 'debatable']) {
      for (const [reason, n] of Object.entries(t.reasons?.[v] ?? {})) s.reasons[v][reason] = (s.reasons[v][reason] ?? 0) + n;
    }
  }
  return { ...s, ...precision(s.true, s.debatable, s.false) };
}
