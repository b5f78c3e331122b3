/** Placeholder: this page is being built. */
export default function ReviewPage() {
  return <p className="loading">…</p>;
}
