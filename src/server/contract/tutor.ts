/** The API contract for tutor (filled in by the work on that area). */
export {};
