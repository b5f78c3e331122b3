/** Placeholder: this page is being built. */
export default function ListenPage() {
  return <p className="loading">…</p>;
}
