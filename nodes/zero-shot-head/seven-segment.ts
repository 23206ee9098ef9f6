/** Digit d → which of the 7 display segments (a–g) are lit: a class attribute table with meaning. */
export const sevenSegmentAttributes = [
  '# segments a,b,c,d,e,f,g of a 7-segment display; row d = digit d',
  '1,1,1,1,1,1,0',
  '0,1,1,0,0,0,0',
  '1,1,0,1,1,0,1',
  '1,1,1,1,0,0,1',
  '0,1,1,0,0,1,1',
  '1,0,1,1,0,1,1',
  '1,0,1,1,1,1,1',
  '1,1,1,0,0,0,0',
  '1,1,1,1,1,1,1',
  '1,1,1,1,0,1,1',
].join('\n');
