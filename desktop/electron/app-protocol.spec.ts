import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-protocol.js';

const root = '/opt/allure/renderer';

describe('the app:// protocol', () => {
  it('serves the built renderer, index.html at the root', () => {
    expect(resolveAppFile('app://allure/', root)).toEqual({
      path: `${root}/index.html`,
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile('app://allure/assets/index-abc.js', root)).toEqual({
      path: `${root}/assets/index-abc.js`,
      contentType: 'text/javascript',
    });
  });

  it('serves nothing outside the renderer or for another host', () => {
    // The URL itself resolves dot segments: this names a file inside the renderer, never /etc/passwd.
    expect(resolveAppFile('app://allure/../../etc/passwd', root)?.path).toBe(`${root}/etc/passwd`);
    expect(resolveAppFile('app://allure/%2e%2e/%2e%2e/etc/passwd', root)?.path).toBe(`${root}/etc/passwd`);
    // An escaped slash survives URL parsing and is decoded afterwards: caught by the containment check.
    expect(resolveAppFile('app://allure/..%2frenderer-other/x.js', root)).toBeNull();
    expect(resolveAppFile('app://evil/index.html', root)).toBeNull();
    expect(resolveAppFile('https://allure/index.html', root)).toBeNull();
    expect(resolveAppFile('not a url', root)).toBeNull();
  });
});
