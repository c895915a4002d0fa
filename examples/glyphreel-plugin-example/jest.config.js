export default { displayName: 'example-plugin', testEnvironment: 'node', transform: {}, testMatch: ['<rootDir>/src/**/*.test.js'] };
