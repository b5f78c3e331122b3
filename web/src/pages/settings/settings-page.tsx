/** Placeholder: this page is being built. */
export default function SettingsPage() {
  return <p className="loading">…</p>;
}
