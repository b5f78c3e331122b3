/** Placeholder: this page is being built. */
export default function ProgressPage() {
  return <p className="loading">…</p>;
}
