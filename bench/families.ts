/** A family of the catalog or, not yet in it, the definition exported by models/<family>/<family>.ts. */
export async function findFamily(family: string, load: (path: string) => Promise<any>): Promise<any> {
  const { catalog } = await load('models/catalog.ts');
  const listed = catalog.find((d: { name: string }) => d.name === family);
  if (listed) return listed;
  const module = await load(`models/${family}/${family}.ts`).catch(() => ({}));
  const definition = Object.values(module).find((value: any) => value?.name === family && typeof value.build === 'function');
  if (!definition) throw new Error(`no model family '${family}' in the catalog or in models/${family}/${family}.ts`);
  return definition;
}
