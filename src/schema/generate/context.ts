import type { ParsedSource } from '../../parse/parse.js';
import type { PlanDocument, Section } from '../../extract/document.js';
import type { Placeholder, PlaceholderKind, PlaceholderStyle, Region } from '../../extract/placeholders.js';
import type { StandIn } from '../model.js';

/**
 * What the inference passes share: the parsed template, and the outline of
 * the schema they build together. Each pass reads what earlier passes wrote
 * and fills in its own part; `emit.ts` turns the outline into JSON Schema.
 */
export type Json = Record<string, unknown>;

export interface GenerateOptions {
  name: string;
  /** Shown in the schema's description. */
  source?: string;
  title?: string;
  /**
   * Report only leftovers the template itself can have produced: `[Text]`,
   * `{Text}` and `{{TEXT}}` only when the template uses that style (a plan's
   * JSON or `{{ expression }}` syntax is then not a placeholder), and only
   * comments that are the template's own guidance (recognized by their first
   * words; the author's own comments are not findings). Off by default: the
   * built-in schemas check every style and every comment, as SPEC.md says.
   */
  templateLeftoversOnly?: boolean;
  /**
   * Check `[Text]`, `{Text}` and `{{TEXT}}` only when the template itself
   * writes placeholders that way: in a plan from a template without `{Text}`,
   * a set `{a, b}` or a JSON object `{"k": 1}` is not a leftover. Implied by
   * `templateLeftoversOnly`. `plan-lint schema generate` sets it unless
   * `--all-styles`; off by default, so the built-in schemas check every style.
   */
  ownStylesOnly?: boolean;
}

/** What the generator learned about one template heading. */
export interface HeadingShape {
  /** The heading as the binder matches it: as written, without an optional marker. */
  text: string;
  /** As written in the template (for titles and messages). */
  written: string;
  pattern?: string;
  /**
   * A field heading (`Review Date: {{qa_date}}`): the pattern of the heading with its value filled in.
   * `pattern` then also takes the bare label (`Review Date`); the value is checked apart (`hasValue`).
   */
  valuePattern?: string;
  instance?: boolean;
  /** The optional marker as written ("(Optional)", "[optional]"), when there is one. */
  marker?: string;
  /** The template gives the heading only as an example ("Parallel Example: User Story 1"): optional. */
  example?: boolean;
  /** An instance heading named only by a placeholder ("Option 1: [name]"): the plan's own names stand in for the label. */
  namedBySlot?: boolean;
  /** A title's generic stand-in parts ("Template" in `CFP-003: Template`): see TemplateHeading.standIns. */
  standIns?: StandIn[];
}

/** One template section of the schema being built. */
export interface OutlineNode {
  section: Section;
  shape: HeadingShape;
  /** Property name in the schema. */
  key: string;
  /** The section's guidance makes it conditional ("Fill ONLY if ..."): optional, and may be left empty. */
  conditional: boolean;
  /** The heading itself holds the value (`### Review Date: {{qa_date}}` with no body in the template): no body expected. */
  carriesValue?: boolean;
  /** Why the template makes the section optional elsewhere (a comment before it, a list of optional sections). */
  optional?: string;
  /** For an instance heading: every sibling section of its pattern (the template's examples of it). */
  group: Section[];
  /** Sample lines (sampleKey form) of the section or of all its instances. */
  samples: string[];
  /** Instruction prose (sampleKey form) of the section or of all its instances: left in a plan, a warning. */
  instructions?: string[];
  /** Table schemas of the section. */
  tables: Json[];
  /** The template's own body of the section, as `--fix` inserts it (see skeleton.ts). */
  skeleton?: string;
  children: OutlineNode[];
}

export interface GenContext {
  options: GenerateOptions;
  src: ParsedSource;
  doc: PlanDocument;
  text: string;
  regions: Region[];
  /** Placeholder styles the template uses beyond the default scan. */
  styles: PlaceholderStyle[];
  /** Every placeholder of the template: the default scan's and its own styles'. */
  placeholders: Placeholder[];
  /** Optional markers written as placeholders (`[optional]`): a plan may keep them. */
  markers: Set<string>;
  /** The H1 title's section, when the template has one. */
  titleSec: Section | undefined;
  title: HeadingShape | undefined;
  /** Sections at the top level of the plan (the title's children and other root sections). */
  sections: OutlineNode[];
  fields: { props: Record<string, Json>; required: string[] };
  /** Placeholder kinds a plan may use freely (styles the template does not use). */
  ignoredKinds: PlaceholderKind[];
  /** `[label]` texts the template defines as link references. */
  labels: string[];
  /** Bracketed tags the template explains in a legend (`- **[P]**: Can run in parallel`): vocabulary, not slots. */
  vocabulary?: string[];
  /** Bracketed terms the template writes inside column names (`Estimated [SYNC] Tasks`): fixed text, not slots. */
  terms?: string[];
  /** The template's own bracketed placeholders: never the plan's notation. */
  ownTexts?: string[];
  /** Every placeholder text of the template (any kind, prose or code): code in a plan holding one of them literally is a leftover. */
  ownCodeTexts?: string[];
  /** Let the plan's own notation pass (tags starting list items, named brackets): with own styles only. */
  notation?: boolean;
}

export type Pass = (ctx: GenContext) => void;
