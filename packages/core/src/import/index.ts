/** Importers: read published reports (text, HTML, docx, PDF) into report documents. */
export {};
