/** The browser's file picker styled as one of our buttons (Tailwind's file: variant targets its button). */
export const FILE_INPUT_CLASS =
  "text-sm text-slate-600 file:mr-3 file:cursor-pointer file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100";
