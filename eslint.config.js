import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**', 'bench/.data/**', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Plain-JS scripts outside the TypeScript projects (the sample generator) get a default program.
      parserOptions: { projectService: { allowDefaultProject: ['samples/*.mjs', 'bench/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The classic bug of a batch tool: a promise nobody awaits.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
