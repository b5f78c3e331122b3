/** Placeholder: this page is being built. */
export default function ClashesPage() {
  return <p className="loading">…</p>;
}
