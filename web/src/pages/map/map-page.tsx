/** Placeholder: this page is being built. */
export default function MapPage() {
  return <p className="loading">…</p>;
}
