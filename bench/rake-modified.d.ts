/** rake-modified ships no types: its default export scores the keyword phrases of a text. */
declare module "rake-modified" {
  const rake: (text: string) => Record<string, number>;
  export default rake;
}
