import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  literalToJson,
  parseJson,
  parseLiteral,
  quoteLongIntegers,
  readAssignedObject,
  valueEnd,
} from './json.ts';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact, as strings', () => {
    const v = parseJson(
      '{"skuId":12000058476050807,"list":[ 12000058476050808 , 5],"n":-12345678901234567890}',
    );
    expect(v).toEqual({
      skuId: '12000058476050807',
      list: ['12000058476050808', 5],
      n: '-12345678901234567890',
    });
    // What JSON.parse alone does: the last digit changes.
    expect(String(JSON.parse('12000058476050807'))).not.toBe('12000058476050807');
  });
  it('leaves digits inside strings alone, including JSON nested in strings', () => {
    const text =
      '{"a":"x:12345678901234567,","b":"{\\"itemId\\":1005003568989271123,\\"p\\":1}","c":0.12345678901234567}';
    expect(parseJson(text)).toEqual({
      a: 'x:12345678901234567,',
      b: '{"itemId":1005003568989271123,"p":1}',
      c: Number('0.12345678901234567'),
    });
  });
  it('unwraps JSONP', () => {
    expect(parseJson('mtopjsonp3({"a":1});')).toEqual({ a: 1 });
  });
  it('returns undefined for non-JSON, never throws', () => {
    expect(parseJson('<html>')).toBeUndefined();
    expect(parseJson('{"a":')).toBeUndefined();
    expect(parseJson('')).toBeUndefined();
  });
  it('quoteLongIntegers leaves text without long numbers untouched', () => {
    const text = '{"a":[1,2,3]}';
    expect(quoteLongIntegers(text)).toBe(text);
  });
});

describe('JavaScript literals', () => {
  it('converts data-only literals', () => {
    expect(
      parseLiteral(
        "{a: 'x\\'y\"', b: [1,2,], c: undefined, 'd': 0.5, // note\n e: true, /* x */ f: {g: 'h'}}",
      ),
    ).toEqual({
      a: 'x\'y"',
      b: [1, 2],
      c: null,
      d: 0.5,
      e: true,
      f: { g: 'h' },
    });
    expect(literalToJson("{k: 'it\\'s'}")).toBe('{"k": "it\'s"}');
  });
  it('refuses code', () => {
    expect(parseLiteral('{a: foo()}')).toBeUndefined();
    expect(parseLiteral('{a: b}')).toBeUndefined();
    expect(parseLiteral('{a: 1 + 2}')).toBeUndefined();
  });
  it('finds the end of a value across strings and comments', () => {
    const text = '{a: \'}\', b: "}", /* } */ c: {d: 1}} tail';
    expect(text.slice(0, valueEnd(text, 0))).toBe('{a: \'}\', b: "}", /* } */ c: {d: 1}}');
    expect(valueEnd('{"a": 1', 0)).toBe(-1);
  });
  it('reads window.runParams from script text, member by member', () => {
    const script = `window.runParams = {
      data: {"priceModule":{"x":12000058476050807}},
      csrfToken: 'abc',
      onLoad: function () { return 1; },
      abtestMap: {}
    };
    window.runParams.is23 = true;`;
    expect(readAssignedObject(script, 'runParams')).toEqual({
      data: { priceModule: { x: '12000058476050807' } },
      abtestMap: {},
    });
  });
  it('skips mentions that are not assignments', () => {
    const script = 'var d = window.runParams && window.runParams.data; window.runParams = {data: {"a": 1}};';
    expect(readAssignedObject(script, 'runParams')).toEqual({ data: { a: 1 } });
    expect(readAssignedObject('window.runParams = {', 'runParams')).toEqual({});
  });
  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        // Integers beyond 2^53 come back as exact strings by design (tested above).
        fc.pre(!/\d{16}/.test(text));
        if (typeof value === 'object' && value !== null) expect(parseLiteral(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});
