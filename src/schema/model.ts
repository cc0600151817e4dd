import type { PlaceholderStyle } from '../extract/placeholders.js';

/**
 * The template model: what the binder needs to know of a template schema.
 * It is read from the schema's annotations (`x-heading`, `x-field`,
 * `x-table`), so the schema file stays the one source of truth.
 */
export interface TemplateHeading {
  /** The template's own heading text, e.g. "Option A: [Approach 1]". */
  text: string;
  depth: number;
  /** A regular expression over the normalized heading key, when the heading has a variable part. */
  pattern?: string;
  /** An instance heading: any number (at least one) of sections match it. */
  instance?: boolean;
  /**
   * A field heading (`Review Date: {{qa_date}}`): a regular expression over the normalized heading key
   * that the heading matches with its value filled in. `pattern` also takes the bare label; the binder
   * records whether the value is there as `hasValue`.
   */
  valuePattern?: string;
  /**
   * The link target a definition right under the heading names (`[prior-art]: #prior-art`):
   * a plan heading with the same definition under it is this section, however it is worded.
   */
  anchor?: string;
  /**
   * The title's generic stand-ins for the plan's name (`Template` in `CFP-003: Template`, `Your short,
   * descriptive title` in `KEP-NNNN: Your short, descriptive title`): a plan title that `pattern` (over
   * the normalized title) matches with the stand-in's words in it has kept the stand-in beside what it
   * filled, a `placeholder` finding. `alone`: it counts only as a part of its own (between `:` or ` - `).
   */
  standIns?: StandIn[];
}

export interface StandIn {
  /** As the template writes it: "Template". */
  text: string;
  pattern: string;
  alone?: boolean;
}

export interface TemplateSection {
  /** Property name in the schema (a normalized key of the template heading). */
  key: string;
  heading: TemplateHeading;
  /** `## Problem Statement`: how messages quote it. */
  display: string;
  exact: string;
  loose: string;
  regex: RegExp | null;
  /** `heading.valuePattern` compiled. */
  valueRegex?: RegExp;
  required: boolean;
  /** Sample lines of the template section (sampleKey form): left unchanged, they are findings. */
  samples: string[];
  /** Instruction prose of the template section (sampleKey form, `x-instructions`): left in a plan, a warning. */
  instructions: string[];
  /**
   * The template's own body of the section, without its heading and subsections
   * (`x-skeleton`): guidance comments, placeholder lines, tables cut to their
   * header, delimiter and one empty row. What `--fix` inserts for a missing section.
   */
  skeleton?: string;
  children: TemplateSection[];
  tables: TemplateTable[];
}

export interface TemplateColumn {
  key: string;
  label: string;
  /** Allowed values (normalized), when the template lists alternatives. */
  choices: string[] | null;
  /** The template's cell text for a choice column, e.g. "Low/Med/High". */
  example: string;
}

export interface TemplateTable {
  key: string;
  columns: TemplateColumn[];
  required: boolean;
}

export interface TemplateField {
  key: string;
  label: string;
  choices: string[] | null;
  /** The template's value, e.g. "Draft | In Review | Approved". */
  example: string;
  required: boolean;
  /** A key of the template's YAML frontmatter (not a `**Label:**` line). */
  frontmatter: boolean;
  /** The template's value left in is reported (the schema checks `unchanged`): `placeholder` tells the author to replace it. */
  reportsExample?: boolean;
}

export interface TemplateModel {
  name: string;
  /** The template's own lists of choices (choiceKey form), e.g. "delete|get|patch|post|put". */
  choices: string[];
  /** Placeholder styles of the template beyond the default scan (`x-plan-lint.placeholders`). */
  placeholderStyles: PlaceholderStyle[];
  /** The template's title; `tables`: the tables between the title and the first section (a metadata or revision table). */
  title: { heading: TemplateHeading; display: string; regex: RegExp | null; exact: string; tables?: TemplateTable[] } | null;
  fields: TemplateField[];
  sections: TemplateSection[];
}
