/** The tutor chat of one concept (being built: the AI tutor issue fills this in). */
export function TutorChat(_props: { episodeId: string; conceptId: number; conceptName: string }) {
  return null;
}
