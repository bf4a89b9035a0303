import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CetakError } from '../../src/errors.js';
import { DEFAULT_LAYOUT_PATH, loadLayout, parseLayout } from '../../src/render/card-layout.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit the parsed YAML freely.
const shipped = () => parseDocument(readFileSync(DEFAULT_LAYOUT_PATH, 'utf8')).toJS() as Record<string, any>;
const source = DEFAULT_LAYOUT_PATH; // fonts resolve beside the shipped layout

function problemsOf(raw: unknown): string[] {
  try {
    parseLayout(raw, source);
  } catch (error) {
    expect(error).toBeInstanceOf(CetakError);
    expect((error as CetakError).code).toBe('CONFIG_INVALID');
    return [...(error as CetakError).details];
  }
  throw new Error('expected the layout to be refused');
}

const dir = mkdtempSync(join(tmpdir(), 'cetak-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a card layout', () => {
  it('as shipped is valid and holds every KTP-el label', () => {
    const layout = loadLayout();
    const labels = layout.texts.filter((t) => t.path.endsWith('.label')).map((t) => t.template);
    expect(labels).toEqual([
      'Nama',
      'Tempat/Tgl Lahir',
      'Jenis Kelamin',
      'Gol. Darah',
      'Alamat',
      'RT/RW',
      'Kel/Desa',
      'Kecamatan',
      'Agama',
      'Status Perkawinan',
      'Pekerjaan',
      'Kewarganegaraan',
      'Berlaku Hingga',
    ]);
    expect(layout.texts.map((t) => t.template)).toEqual(
      expect.arrayContaining(['PROVINSI {province}', '{regency}', '{nik}', '{issuePlace}', '{issueDate}']),
    );
    expect(Object.isFrozen(layout.texts)).toBe(true);
  });

  it('names the path and the bad value of each problem, all at once', () => {
    const raw = shipped();
    raw.texts[0].text = 'PROVINSI {provinsi}';
    raw.texts[1].box.width = 2000;
    raw.texts[2].font = 'italic';
    raw.fields.value.minSize = 40;
    raw.colourAreas[0].colour = 'blue';
    const problems = problemsOf(raw);
    expect(problems).toContainEqual(
      expect.stringMatching(/^texts\[0\]\.text: unknown value \{provinsi\}.*known: nik/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^texts\[1\]\.box: box 30,52 2000×40 goes past the 1016×648 card/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^texts\[2\]\.font: unknown font "italic" \(fonts: regular, bold\)/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^fields\.value\.minSize: minSize 40 is larger than size 23/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^colourAreas\[0\]\.colour: must be a colour written #RRGGBB \(got "blue"\)/),
    );
  });

  it('refuses a label that cannot fit its column, naming the row', () => {
    const raw = shipped();
    raw.fields.rows[9].label = 'Status Perkawinan Menurut Catatan Sipil';
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(
        /^fields\.rows\[9\]\.label: "Status Perkawinan Menurut Catatan Sipil" does not fit its 250×30 box/,
      ),
    ]);
  });

  it('refuses unknown keys and a font file that is not there', () => {
    const raw = shipped();
    raw.photo.shape = 'oval';
    expect(problemsOf(raw)).toContainEqual(expect.stringMatching(/^photo: unknown key "shape"/));
    const file = join(dir, 'no-font.yaml');
    const other = shipped();
    other.fonts.bold = 'fonts/Missing.ttf';
    writeFileSync(file, JSON.stringify(other));
    expect(() => loadLayout(file)).toThrow(/fonts\.bold: cannot read font .*Missing\.ttf: file not found/);
  });

  it('loads fonts relative to its own folder, so a site can keep its layout elsewhere', () => {
    const folder = join(dir, 'site', 'fonts');
    mkdirSync(folder, { recursive: true });
    for (const font of ['DejaVuSansCondensed.ttf', 'DejaVuSansCondensed-Bold.ttf'])
      copyFileSync(join(dirname(DEFAULT_LAYOUT_PATH), 'fonts', font), join(folder, font));
    const raw = shipped();
    raw.defaults.regency = 'KABUPATEN CONTOH';
    const file = join(dir, 'site', 'front.yaml');
    writeFileSync(file, JSON.stringify(raw));
    expect(loadLayout(file).defaults.regency).toBe('KABUPATEN CONTOH');
  });
});
