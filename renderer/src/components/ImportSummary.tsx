/**
 * What an import did, for one book: a short line ("Imported “X”: 84 chapters; 3 warnings, 2 unresolved links")
 * and, on demand, every section of its report. File paths and targets are shown as text, never as links: they
 * name files of the book folder, not places to go.
 */
import type { ReactNode } from 'react';
import type { BookImported, ImportProblem } from '../../../electron/core/contract.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The short line; notes and excluded files are expected, so only what may need fixing is counted. */
export function importSummaryLine(b: BookImported): string {
  const r = b.report;
  const issues = (
    [
      [r.warnings.length, 'warning', 'warnings'],
      [b.failed.length, 'chapter could not be rendered', 'chapters could not be rendered'],
      [b.skipped.length, 'file skipped', 'files skipped'],
      [r.mdxFallbacks.length, 'chapter read as Markdown', 'chapters read as Markdown'],
      [r.unresolvedLinks.length, 'unresolved link', 'unresolved links'],
      [r.unresolvedImages.length, 'unresolved image', 'unresolved images'],
      [r.unknownComponents.length, 'unknown component', 'unknown components'],
      [r.notInSidebar.length, 'page in no sidebar', 'pages in no sidebar'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => plural(n, one, many));
  return `Imported “${b.title}”: ${plural(b.chapterCount, 'chapter', 'chapters')}${issues.length ? `; ${issues.join(', ')}` : ''}.`;
}

const problem = (p: ImportProblem) => (
  <>
    <code>{p.file}</code>: {p.reason}
  </>
);

function Section({ title, items }: { title: string; items: ReactNode[] }) {
  return (
    <section className="import-section" aria-label={title}>
      <h3>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ImportSummary({ book }: { book: BookImported }) {
  const r = book.report;
  const target = (l: { file: string; target: string }) => (
    <>
      <code>{l.file}</code>: <code>{l.target}</code>
    </>
  );
  return (
    <div className="import-summary" data-testid="import-summary">
      <p data-testid="import-summary-line">{importSummaryLine(book)}</p>
      <details data-testid="import-details">
        <summary>Details of “{book.title}”</summary>
        <p>
          Reading order from: {r.order}. {book.added} added, {book.updated} updated, {book.removed} removed, {book.unchanged} unchanged.
        </p>
        <Section title="Warnings" items={r.warnings} />
        <Section title="Notes" items={r.notes} />
        <Section title="Pages in no sidebar (kept, at the end)" items={r.notInSidebar.map((f) => <code key={f}>{f}</code>)} />
        <Section title="Files the site excludes" items={r.excluded.map(problem)} />
        <Section title="Read as Markdown after failing as MDX" items={r.mdxFallbacks.map(problem)} />
        <Section
          title="Unknown components (shown as their content)"
          items={r.unknownComponents.map((c) => (
            <>
              <code>{`<${c.name}>`}</code> in {c.files.join(', ')}
            </>
          ))}
        />
        <Section title="Unresolved links" items={r.unresolvedLinks.map(target)} />
        <Section title="Unresolved images" items={r.unresolvedImages.map(target)} />
        <Section title="Files skipped" items={book.skipped.map(problem)} />
        <Section title="Chapters that could not be rendered" items={book.failed.map(problem)} />
      </details>
    </div>
  );
}
