/** The parts of jstat (which ships no types) that journeylens uses. */
declare module "jstat" {
  interface Continuous {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  export const jStat: {
    normal: Continuous;
    studentt: Continuous;
    chisquare: Continuous;
    gammaln(x: number): number;
    erfc(x: number): number;
    ibeta(x: number, a: number, b: number): number;
  };
  const jstat: { jStat: typeof jStat };
  export default jstat;
}
