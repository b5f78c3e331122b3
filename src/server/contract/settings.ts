/** The API contract for settings (filled in by the work on that area). */
export {};
