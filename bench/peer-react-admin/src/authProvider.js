// Sign-in with the customer ID and secret: the token call the console
// makes. The secret goes only into that request; the token is kept in
// session storage.
import { customerToken, forgetTokens, setCustomerToken, token } from './api';

export const authProvider = {
  async login({ customerId, secret }) {
    setCustomerToken(await token(customerId.trim(), secret, 'customer'));
  },
  async logout() {
    forgetTokens();
  },
  async checkAuth() {
    if (!customerToken()) throw new Error('Sign in with your customer ID and secret.');
  },
  async checkError(error) {
    // A refused customer token ends the session; an app's own token being
    // refused is handled on its page.
    if (error && error.status === 401 && !error.appToken) {
      forgetTokens();
      throw error;
    }
  },
  async getPermissions() {},
};
