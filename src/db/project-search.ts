import type { Db } from "./client.ts";
import type { ProjectStatus } from "../domain/project.ts";

export const SEARCH_RESULTS_MAX = 20;

export interface SearchHit {
  id: number;
  name: string;
  status: ProjectStatus;
  /** Where the text was found: names rank above descriptions. */
  field: "name" | "description";
}

/**
 * Case-folds the way the owner reads: Unicode lower case (Cyrillic included),
 * compatibility forms unified (NFKC) and "ё" treated as "е", as Russian writers
 * use them interchangeably.
 */
export function foldForSearch(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase("ru").replace(/ё/g, "е");
}

/**
 * Searches names and descriptions in JS rather than SQL: SQLite's LIKE and
 * lower() fold ASCII only, and a stored lower-cased column would have to be
 * kept current by every writer (edits, Notion pull-backs, imports). One owner's
 * projects are a few hundred rows, so reading two text columns is cheap and
 * behaves identically on SQLite and Postgres.
 */
export async function searchProjects(db: Db, query: string): Promise<{ hits: SearchHit[]; total: number }> {
  const needle = foldForSearch(query.trim());
  if (!needle) return { hits: [], total: 0 };
  const rows = await db.project.findMany({
    select: { id: true, name: true, description: true, status: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const byName: SearchHit[] = [];
  const byDescription: SearchHit[] = [];
  for (const row of rows) {
    const hit = { id: row.id, name: row.name, status: row.status as ProjectStatus };
    if (foldForSearch(row.name).includes(needle)) byName.push({ ...hit, field: "name" });
    else if (foldForSearch(row.description).includes(needle)) byDescription.push({ ...hit, field: "description" });
  }
  const all = [...byName, ...byDescription];
  return { hits: all.slice(0, SEARCH_RESULTS_MAX), total: all.length };
}
