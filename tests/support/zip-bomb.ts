import { constants, deflateRawSync } from "node:zlib";

/** Raw deflate of 64 MiB of zeros ending on a sync flush: copies of it concatenate into one longer stream. */
let zerosBlock: Buffer | undefined;
const zeros64Mib = () =>
  (zerosBlock ??= deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));

/** A deflate stream that inflates to `mib64` × 64 MiB of zeros (≈ 65 KB compressed per 64 MiB). */
export function zerosDeflate(mib64: number): Buffer {
  return Buffer.concat([...Array.from({ length: mib64 }, zeros64Mib), Buffer.from([0x03, 0x00])]);
}

interface Entry {
  name: string;
  data: Buffer;
  /** 8 = deflate, 0 = stored. */
  method: number;
  /** The uncompressed size the headers claim (a bomb lies here). */
  declaredSize: number;
}

/** A ZIP written by hand, so its headers can declare sizes its data does not have. CRCs are left 0. */
export function handmadeZip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The bomb from the "hostile files" report: entries that declare 1 KB and inflate to 2 GiB each. */
export function lyingZipBomb(entries = 9): Buffer {
  const template = Buffer.from("<p>{{ project_name }}</p>");
  const bomb = zerosDeflate(32);
  return handmadeZip([
    { name: "template.html", data: template, method: 0, declaredSize: template.length },
    ...Array.from({ length: entries }, (_, i) => ({
      name: `images/zero-${i}.png`,
      data: bomb,
      method: 8,
      declaredSize: 1024,
    })),
  ]);
}
