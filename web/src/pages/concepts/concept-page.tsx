/** Placeholder: this page is being built. */
export default function ConceptPage() {
  return <p className="loading">…</p>;
}
