/** Placeholder: this page is being built. */
export default function ConceptsPage() {
  return <p className="loading">…</p>;
}
